using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>Where a person stands as the newest event that decides it says (<see cref="CustodyRecord"/>).</summary>
public enum CustodyStatus
{
    /// <summary>No event that decides custody has been applied yet (only events that are recorded, never acted on).</summary>
    [WireName("not-known")] NotKnown,

    /// <summary>In prison; an expected release, if one has been reported, is in <see cref="CustodyRecord.ExpectedRelease"/>.</summary>
    [WireName("in-custody")] InCustody,

    /// <summary>Moved out of the prison in <see cref="CustodyRecord.PrisonCode"/>; still in custody, no release expected.</summary>
    [WireName("transferred")] Transferred,

    [WireName("released")] Released,

    [WireName("released-to-hospital")] ReleasedToHospital,
}
