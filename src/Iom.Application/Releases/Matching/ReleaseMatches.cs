using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// Where matching keeps what it decided. The co-ordinator's matches (<see cref="ReleaseMatch"/>) share one partition
/// of the identities container, so the unmatched list is one indexed query, paged; a match's id is the 32 hex digits
/// of its notification's id, so each notification has at most one. A notification applied to a person leaves a
/// <see cref="ReleaseMatched"/> in that person's partition instead.
/// </summary>
public static class ReleaseMatches
{
    public const string Partition = "release-matches";

    /// <summary>The match id of a notification: its id without the prefix.</summary>
    public static string IdOf(string notificationId)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        return notificationId.StartsWith(ReleaseNotifications.IdPrefix, StringComparison.Ordinal)
            ? notificationId[ReleaseNotifications.IdPrefix.Length..]
            : throw new ArgumentException("Not a release notification id.", nameof(notificationId));
    }

    public static string NotificationIdOf(string matchId) => ReleaseNotifications.IdPrefix + matchId;

    public static DocumentKey KeyOf(string matchId) => new(Containers.Identities, Partition, "match-" + matchId);

    /// <summary>The record in the person's partition that this notification was applied to them.</summary>
    public static DocumentKey MatchedKeyOf(string personId, string notificationId) => new(Containers.People, personId, MatchedIdOf(notificationId));

    public static string MatchedIdOf(string notificationId) => "release-matched-" + IdOf(notificationId);

    /// <summary>Whether <paramref name="id"/> has the shape of a match id (32 lower-case hex digits).</summary>
    public static bool IsWellFormed(string id) => id.Length == 32 && id.All(char.IsAsciiHexDigitLower);
}
