namespace Iom.Application.Performance.Dashboard;

/// <summary>Who the dashboard is drawn for, which decides what of each rollup it shows.</summary>
public enum DashboardAudience
{
    /// <summary>Analysts and co-ordinators: every table of every rollup.</summary>
    Full,

    /// <summary>Ward councillors: <see cref="Iom.Domain.Performance.CouncillorView"/> of each completed month, nothing else.</summary>
    Councillor,
}
