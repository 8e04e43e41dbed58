namespace Iom.Application.Ports.Documents;

/// <summary>
/// The containers and what their partition key means (see docs/architecture.md, "Documents").
/// </summary>
public static class Containers
{
    /// <summary>Partitioned by person id: referrals, cohort membership, releases, alerts, and the audit records about them.</summary>
    public const string People = "people";

    /// <summary>Partitioned by panel code (or "identifiers" shards): meetings, listings, the identifier index.</summary>
    public const string Panels = "panels";

    /// <summary>
    /// Partitioned by each document's own id: the identifier index (one claim per normalised identifier, created
    /// only if absent) and the referral locators. Every access is a point read or a create.
    /// </summary>
    public const string Identities = "identities";

    /// <summary>Partitioned by the operational key it protects (e.g. "mail"): idempotency ledgers, leases.</summary>
    public const string Operations = "operations";

    /// <summary>
    /// Partitioned by reporting period name (<c>2026-11</c>, <c>2026-Q3</c>, <c>FY2026-27</c>): the aggregate measures
    /// of that period (no personal data), each read by point reads.
    /// </summary>
    public const string Performance = "performance";

    public static IReadOnlyList<string> All { get; } = [People, Panels, Identities, Operations, Performance];
}
