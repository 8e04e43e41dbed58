using System.Text.Json;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Domain.Mail;
using Iom.Domain.Wire;

namespace Iom.Functions.Mail;

/// <summary>
/// Reads a SendGrid Event Webhook post: a JSON array of events, each an object with <c>event</c>, <c>email</c>,
/// <c>sg_event_id</c>, <c>timestamp</c> (seconds) and the sender's custom arguments at the top level — here
/// <c>idempotency_key</c>, the e-mail's id. An event of a kind not tracked (open, click…) or without what ties it to
/// an e-mail is left aside (counted); only a body that is not an array of events at all is refused.
/// </summary>
public static class SendGridEventBatch
{
    /// <summary>The custom argument <c>SendGridMailSender</c> sets on every message (it names the same argument).</summary>
    public const string MailIdArgument = "idempotency_key";

    private const int MaxFieldLength = 512;

    /// <returns>The events tied to an e-mail, and how many events the batch held.</returns>
    /// <exception cref="JsonException">Not JSON.</exception>
    /// <exception cref="ValidationFailedException">Not UTF-8, or not an array of objects.</exception>
    public static (IReadOnlyList<DeliveryNotice> Notices, int Received) Parse(ReadOnlyMemory<byte> body)
    {
        // JsonDocument checks UTF-8 only when a string is read: refuse it here, before any value is taken.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            throw ValidationFailedException.For("$", "The batch is not valid UTF-8.");
        }

        using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw ValidationFailedException.For("$", "A batch of events is a JSON array.");
        }

        var notices = new List<DeliveryNotice>();
        var received = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw ValidationFailedException.For($"[{received}]", "Each event is a JSON object.");
            }

            received++;
            if (Text(element, "event") is { } type && WireNames.TryParse<DeliveryStatus>(type, out var status)
                && Text(element, "sg_event_id") is { } eventId
                && Text(element, "email") is { } email && email.Contains('@', StringComparison.Ordinal)
                && Text(element, MailIdArgument) is { } mailId
                && element.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.Number
                && timestamp.TryGetInt64(out var seconds) && seconds is > 0 and < 253402300800)
            {
                notices.Add(new DeliveryNotice(mailId, email, new DeliveryEvent(eventId, status, DateTimeOffset.FromUnixTimeSeconds(seconds))));
            }
        }

        return (notices, received);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { Length: > 0 and <= MaxFieldLength } text ? text : null;
}
