using System.Text.Json;

namespace Iom.Application.Ports.Events;

/// <summary>
/// The one mapping of an <see cref="IntegrationEvent"/> to the HMPPS domain-event JSON partners consume
/// (<c>eventType, version, occurredAt, description, detailUrl, personReference.identifiers[], additionalInformation</c>),
/// shared by the Service Bus publisher and the local folder publisher so both write the same bytes.
/// </summary>
public static class DomainEventJson
{
    public const string ContentType = "application/json";

    public static byte[] Serialize(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventType", integrationEvent.EventType);
            json.WriteNumber("version", integrationEvent.Version);
            json.WriteString("occurredAt", integrationEvent.OccurredAt);
            json.WriteString("description", integrationEvent.Description);
            if (integrationEvent.DetailUrl is { } detailUrl)
            {
                json.WriteString("detailUrl", detailUrl.OriginalString);
            }

            if (integrationEvent.PersonIdentifiers is { Count: > 0 } identifiers)
            {
                json.WriteStartObject("personReference");
                json.WriteStartArray("identifiers");
                foreach (var identifier in identifiers)
                {
                    json.WriteStartObject();
                    json.WriteString("type", identifier.Type);
                    json.WriteString("value", identifier.Value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            if (integrationEvent.AdditionalInformation is { } additional)
            {
                json.WriteStartObject("additionalInformation");
                foreach (var (name, value) in additional)
                {
                    json.WriteString(name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
