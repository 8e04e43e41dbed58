using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// "This notification is about this person": created once in the person's partition, with the outbox entry for the
/// custody record and the Collection audit record, in one commit. Its id comes from the notification's, so a
/// redelivered or concurrent match conflicts and does nothing more.
/// </summary>
/// <param name="MatchedBy"><c>noms</c>, <c>pnc</c>, <c>cro</c>, or <c>confirmed</c> (by a co-ordinator).</param>
[DocumentKind("release-matched")]
public sealed record ReleaseMatched(string NotificationId, string PersonId, string MatchedBy, DateTimeOffset MatchedAt);
