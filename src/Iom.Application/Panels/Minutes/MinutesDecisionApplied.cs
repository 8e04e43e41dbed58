using Iom.Application.Ports.Documents;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Marks that a meeting's decision about a person was applied (the referral moved, the membership changed): created in
/// the same commit, in the person's partition, so a retry after a crash finds it and applies nothing twice.
/// </summary>
/// <param name="Applied">False when the decision could no longer be applied (the referral was withdrawn meanwhile).</param>
[DocumentKind("minutes-decision-applied")]
public sealed record MinutesDecisionApplied(string MeetingId, int Version, string Outcome, bool Applied, DateTimeOffset At);
