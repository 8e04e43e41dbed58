using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels.Minutes;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Reads a meeting's minutes (the current version, or a final one by number). They record decisions about people, so a
/// read is a consultation in each named person's audit log, one record each sharing the read's id, stored before answering.
/// </summary>
public sealed class GetMinutesHandler(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Panel administration: reading the minutes of a panel meeting";

    public async Task<StoredMinutes> HandleAsync(string meetingId, int? version, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var (id, _, found) = await MinutesMeetings.FindWithMinutesAsync(documents, meetingId, actor, cancellationToken);
        var current = found ?? throw MinutesMeetings.NoMinutes();
        var stored = version is null || version == current.Value.Version
            ? current
            : await documents.ReadAsync<MeetingMinutes>(MinutesDocuments.VersionKeyOf(id, version.Value), cancellationToken) ?? throw MinutesMeetings.NoMinutes();

        var now = time.GetUtcNow();
        var people = stored.Value.Content.PeopleIds;
        // One chain each, all at once: the records are in separate partitions.
        await Task.WhenAll(people.Select(person => audit.CommitAsync(
            actor.Entry(person, AuditOperation.Consultation, $"minutes/{id}/v{stored.Value.Version}", now) with { DisclosureId = $"minutes-read:{actor.CorrelationId}", DisclosurePeople = people.Count },
            [], cancellationToken)));

        return new StoredMinutes(stored.Value, stored.ETag);
    }
}
