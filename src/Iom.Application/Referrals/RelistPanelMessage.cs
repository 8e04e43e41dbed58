using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

/// <summary>
/// A relisting pass for a panel: list its referrals awaiting a meeting, and, when <see cref="Vacated"/> is given,
/// first relist every referral listed for that date, which a meeting (<see cref="Meeting"/>) has just left (moved or
/// cancelled).
/// </summary>
public sealed record RelistPanelMessage(PanelCode Panel)
{
    /// <summary>The request that added the meetings, so the listings it causes are tied to it in the audit log.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The id of the meeting that moved or was cancelled (<see cref="Domain.Panels.MeetingId"/> written out).</summary>
    public string? Meeting { get; init; }

    /// <summary>The date that meeting left: its referrals listed for it are relisted.</summary>
    public DateOnly? Vacated { get; init; }
}
