using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Iom.Domain.Referrals;

/// <summary>
/// The allowed status moves of a referral during intake. Anything not in the table is refused.
/// </summary>
/// <remarks>
/// <code>
/// from              to
/// AwaitingMeeting → Listed (a meeting far enough ahead now exists) | Withdrawn
/// Listed          → Selected | Declined | Deferred (the panel's decision) | Withdrawn
///                   | AwaitingMeeting (its meeting was cancelled and no other is far enough ahead)
/// Deferred        → Listed (put to a later meeting) | AwaitingMeeting (no later meeting yet) | Withdrawn
/// Selected        → (none: the person is in the cohort; de-selection is a cohort matter, not an intake status)
/// Declined        → (none)
/// Withdrawn       → (none)
/// </code>
/// Moving a listed referral to another meeting keeps it <see cref="ReferralStatus.Listed"/>: that changes its
/// meeting, not its status, so Listed → Listed is not a transition.
/// </remarks>
public static class ReferralStatusRules
{
    private static readonly FrozenDictionary<ReferralStatus, ImmutableArray<ReferralStatus>> Allowed =
        new Dictionary<ReferralStatus, ImmutableArray<ReferralStatus>>
        {
            [ReferralStatus.AwaitingMeeting] = [ReferralStatus.Listed, ReferralStatus.Withdrawn],
            [ReferralStatus.Listed] = [ReferralStatus.Selected, ReferralStatus.Declined, ReferralStatus.Deferred, ReferralStatus.Withdrawn, ReferralStatus.AwaitingMeeting],
            [ReferralStatus.Deferred] = [ReferralStatus.Listed, ReferralStatus.AwaitingMeeting, ReferralStatus.Withdrawn],
            [ReferralStatus.Selected] = [],
            [ReferralStatus.Declined] = [],
            [ReferralStatus.Withdrawn] = [],
        }.ToFrozenDictionary();

    /// <summary>Whether a referral in status <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(ReferralStatus from, ReferralStatus to) => AllowedFrom(from).Contains(to);

    /// <summary>The statuses a referral in <paramref name="from"/> may move to, in the order of the table; empty when final.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a defined status.</exception>
    public static IReadOnlyCollection<ReferralStatus> AllowedFrom(ReferralStatus from) =>
        Allowed.TryGetValue(from, out var to) ? to : throw new ArgumentOutOfRangeException(nameof(from), from, "Not a referral status");

    /// <summary>
    /// Whether the referral is still open in intake (awaiting a meeting, listed or deferred): a second referral of
    /// the same person is then a duplicate. Selected, declined and withdrawn referrals are final.
    /// </summary>
    public static bool IsOpen(ReferralStatus status) => AllowedFrom(status).Count > 0;
}
