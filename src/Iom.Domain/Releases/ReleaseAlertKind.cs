using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>What an alert tells its recipients: the kind of event, never who or where.</summary>
public enum ReleaseAlertKind
{
    /// <summary>The person has been released: lead professional, every agency working with them, the co-ordinator.</summary>
    [WireName("released")] Released,

    /// <summary>Released to hospital: the same recipients, marked for health.</summary>
    [WireName("released-to-hospital")] ReleasedToHospital,

    /// <summary>Moved to another prison: the lead professional only, and no release alert.</summary>
    [WireName("transferred")] Transferred,

    /// <summary>A release is expected: a reminder 28, 14 or 2 days before, or on the day.</summary>
    [WireName("expected-release")] ExpectedRelease,
}
