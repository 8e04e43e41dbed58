namespace Iom.Application.Releases;

/// <summary>
/// Queued on <see cref="ReleaseQueues.Custody"/> once a notification's person is known (matched by an identifier, or a
/// possible match confirmed by a co-ordinator): apply it to the person's custody record. Idempotent by
/// <see cref="NotificationId"/>: a notification already applied to the person changes nothing.
/// </summary>
/// <param name="MatchedBy">How: <c>noms</c>, <c>pnc</c>, <c>cro</c>, or <c>confirmed</c> (a possible match a co-ordinator confirmed).</param>
public sealed record ApplyReleaseToPerson(string NotificationId, string PersonId, string MatchedBy);
