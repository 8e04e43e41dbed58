namespace Iom.Application.Panels;

public enum Attendance
{
    /// <summary>Attends every meeting (P in the Richmond model).</summary>
    Permanent,

    /// <summary>Attends as required (AAR).</summary>
    AsRequired,
}
