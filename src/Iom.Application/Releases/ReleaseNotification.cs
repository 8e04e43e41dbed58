using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases;

/// <summary>
/// A release notification as it was taken in: stored once (created only if absent, keyed by the sender's event id,
/// <see cref="ReleaseNotifications.IdFor"/>) before the 202, with the outbox entry that starts its processing. The
/// person is not known yet, so it lives in the identities container in its own partition; matching moves what it
/// means into the person's records.
/// </summary>
/// <param name="Id">The id the sender is given in the 202, <c>release-…</c>.</param>
/// <param name="ReceivedFrom">Who sent it: the prison's key id, the prison link's object id, or <c>hmpps</c>.</param>
[DocumentKind("release-notification")]
public sealed record ReleaseNotification(string Id, ReleaseReport Report, DateTimeOffset ReceivedAt, string ReceivedFrom);
