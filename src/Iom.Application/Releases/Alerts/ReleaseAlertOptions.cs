namespace Iom.Application.Releases.Alerts;

/// <summary>
/// Configuration section "ReleaseAlerts": where agencies are told of a release. An agency working with a person is
/// e-mailed at its configured secure mailbox (a team's, which outlives any one referrer); without one, at the address
/// of the referrer of its open referral; an agency with neither (only the lead professional's own agency can be) is
/// told through its lead professional.
/// </summary>
public sealed class ReleaseAlertOptions
{
    public const string SectionName = "ReleaseAlerts";

    /// <summary>Agency code (as referrals and lead professionals name it, any case) → secure mailbox, e.g. <c>ReleaseAlerts:AgencyMailboxes:police</c>.</summary>
    public Dictionary<string, string> AgencyMailboxes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The health agency told of every release to hospital (so treatment continues), at its entry in
    /// <see cref="AgencyMailboxes"/>, whether or not it works with the person already.
    /// </summary>
    public string HealthAgency { get; set; } = "health";
}
