namespace Iom.Application.Ports.Events;

/// <summary>
/// A thin integration event in the HMPPS domain-event shape: it points at a URL rather than carrying personal data.
/// </summary>
/// <param name="BusinessKey">Unique per business event; used as the message id so the broker drops duplicates.</param>
public sealed record IntegrationEvent(
    string EventType,
    int Version,
    DateTimeOffset OccurredAt,
    string Description,
    string BusinessKey,
    Uri? DetailUrl = null,
    IReadOnlyList<PersonIdentifier>? PersonIdentifiers = null,
    IReadOnlyDictionary<string, string>? AdditionalInformation = null);
