using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Custody;

/// <summary>
/// A reminder waiting for its day (<see cref="CustodyDocuments.RemindersPartition"/>). It only says when to look: on
/// the day, the person's custody record decides whether it still goes (the date may have moved, or a transfer or
/// release stopped it). Identifiers only, no personal data beyond the person id.
/// </summary>
[DocumentKind("release-reminder")]
public sealed record ReleaseReminder(string Id, string PersonId, string NotificationId, DateOnly ReleaseDate, int DaysBefore, DateOnly DueOn);
