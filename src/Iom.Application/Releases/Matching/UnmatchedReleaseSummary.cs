using Iom.Domain.Releases;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// One notification left for the co-ordinator: what happened where and when, and where the match stands. The prison
/// number is the only personal data, enough to ask the prison; candidates are person ids, to name one when confirming.
/// </summary>
public sealed record UnmatchedReleaseSummary(
    string MatchId,
    string NotificationId,
    DateTimeOffset ReceivedAt,
    string PrisonCode,
    string PrisonNumber,
    ReleaseReason Reason,
    DateOnly ReleaseDate,
    ReleaseMatchState State,
    ReleaseMatchGround Ground,
    IReadOnlyList<string> Candidates)
{
    public static UnmatchedReleaseSummary Of(ReleaseMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new UnmatchedReleaseSummary(match.Id, match.NotificationId, match.ReceivedAt, match.PrisonCode, match.PrisonNumber, match.Reason,
            match.ReleaseDate, match.State, match.Ground, [.. match.Candidates]);
    }
}
