using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Iom.Application.Errors;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Releases;
using Iom.Domain.Wire;

namespace Iom.Application.Releases.National;

/// <summary>
/// Reads an HMPPS domain event as published (the envelope of hmpps-domain-event.schema.json: members this app does not
/// use are allowed, as a consumer of a published schema must) into what the app acts on. Errors are keyed by JSON path.
/// National events carry identifiers only, so a report from one has no names, date of birth or address.
/// </summary>
public static partial class NationalEventMapping
{
    /// <summary>The event's type, or a validation failure when it has none.</summary>
    public static string EventTypeOf(JsonElement root)
    {
        RequireObject(root);
        return root.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is { Length: > 0 } text
            ? text
            : throw ValidationFailedException.For("eventType", "The event has no eventType");
    }

    /// <summary>
    /// A <c>prisoner.released</c> event as a report (source national). Its event id is derived from the event itself
    /// (type, prison number, the instant it occurred and the reason), so the same event published twice is one notification.
    /// </summary>
    /// <param name="today">London's date now: a PNC id's year is judged against it.</param>
    public static ReleaseReport ToReport(JsonElement root, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        var eventType = EventTypeOf(root);
        var occurredAt = OccurredAt(root, errors);
        var info = AdditionalInformation(root, errors);
        var prisonNumber = PrisonNumberAt(info, "nomsNumber", errors) ?? IdentifierNoms(root, errors);
        var prisonCode = Text(info, "prisonId") is { } prison && PrisonCode().IsMatch(prison) ? prison.ToUpperInvariant() : Fail(errors, "additionalInformation.prisonId", "The prison id must be 3 letters, like SWI");
        var reason = Text(info, "reason") is { } named && WireNames.TryParse<ReleaseReason>(named, out var parsed) ? parsed : (ReleaseReason?)null;
        if (reason is null)
        {
            errors["additionalInformation.reason"] = [$"The reason must be one of {string.Join(", ", WireNames.All<ReleaseReason>())}"];
        }

        var (pnc, cro) = OtherIdentifiers(root, prisonNumber, today, errors);
        if (errors.Count > 0 || prisonNumber is null || prisonCode is null || occurredAt is not { } at || reason is not { } why)
        {
            throw new ValidationFailedException(errors);
        }

        var movement = Text(info, "nomisMovementReasonCode") is { } code && MovementCode().IsMatch(code) ? code : null;
        return new ReleaseReport(
            ReleaseSource.National,
            EventIdFor(eventType, prisonNumber, at, WireNames.Of(why)),
            prisonCode,
            prisonNumber,
            pnc,
            cro,
            GivenName: null,
            FamilyName: null,
            DateOfBirth: null,
            why,
            LondonTime.LondonDate(at),
            at,
            ReleaseAddress: null,
            movement is null ? null : $"NOMIS movement reason code {movement}");
    }

    /// <summary>A <c>prisoner.merged</c> event: <c>removedNomsNumber</c> (old) is now <c>nomsNumber</c> (new).</summary>
    public static PrisonNumberMerged ToMerge(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>();
        EventTypeOf(root);
        var occurredAt = OccurredAt(root, errors);
        var info = AdditionalInformation(root, errors);
        var newNumber = PrisonNumberAt(info, "nomsNumber", errors);
        var oldNumber = PrisonNumberAt(info, "removedNomsNumber", errors);
        if (errors.Count > 0 || newNumber is null || oldNumber is null || occurredAt is not { } at)
        {
            throw new ValidationFailedException(errors);
        }

        return newNumber == oldNumber
            ? throw ValidationFailedException.For("additionalInformation.removedNomsNumber", "The removed prison number is the one it was merged into")
            : new PrisonNumberMerged(oldNumber, newNumber, at);
    }

    /// <summary>A hash, so the id has one shape whatever the event holds and says nothing about the person.</summary>
    public static string EventIdFor(string eventType, string prisonNumber, DateTimeOffset occurredAt, string reason)
    {
        // The instant, not the text: the same moment written with another offset is the same event.
        var identity = $"{eventType}\n{prisonNumber}\n{occurredAt.UtcTicks}\n{reason}";
        return "hmpps-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..40];
    }

    private static void RequireObject(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ValidationFailedException.For("$", "The event must be a JSON object");
        }
    }

    private static DateTimeOffset? OccurredAt(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (Text(root, "occurredAt") is { } text && ReleaseReportValidator.TryParseInstant(text, out var at))
        {
            return at;
        }

        errors["occurredAt"] = ["occurredAt must be a date and time with an offset, like 2024-10-14T15:09:54+01:00"];
        return null;
    }

    private static JsonElement AdditionalInformation(JsonElement root, Dictionary<string, string[]> errors)
    {
        if (root.TryGetProperty("additionalInformation", out var info) && info.ValueKind == JsonValueKind.Object)
        {
            return info;
        }

        errors["additionalInformation"] = ["The event has no additionalInformation object"];
        return default;
    }

    private static string? PrisonNumberAt(JsonElement info, string name, Dictionary<string, string[]> errors)
    {
        var text = Text(info, name);
        if (text is null && name == "nomsNumber")
        {
            // The released event may carry it in personReference alone.
            return null;
        }

        if (PrisonNumber.TryParse(text, out var number, out var error))
        {
            return number.ToString();
        }

        errors["additionalInformation." + name] = [error];
        return null;
    }

    private static string? IdentifierNoms(JsonElement root, Dictionary<string, string[]> errors)
    {
        foreach (var (type, value, _) in Identifiers(root))
        {
            if (type == "NOMS" && PrisonNumber.TryParse(value, out var number, out _))
            {
                return number.ToString();
            }
        }

        errors["additionalInformation.nomsNumber"] = ["The event has no prison number (additionalInformation.nomsNumber or a NOMS identifier)"];
        return null;
    }

    /// <summary>
    /// PNC and CRO from <c>personReference.identifiers</c>, canonical. One that does not parse is left out rather than
    /// refusing the release: the prison number is what matching needs first, and a national record's old PNC quirks
    /// (pnc_cro_vectors.json) must not stop an alert. A NOMS identifier that contradicts <c>nomsNumber</c> is refused.
    /// </summary>
    private static (string? Pnc, string? Cro) OtherIdentifiers(JsonElement root, string? prisonNumber, DateOnly today, Dictionary<string, string[]> errors)
    {
        string? pnc = null, cro = null;
        foreach (var (type, value, index) in Identifiers(root))
        {
            switch (type)
            {
                case "NOMS" when prisonNumber is not null && (!PrisonNumber.TryParse(value, out var noms, out _) || noms.ToString() != prisonNumber):
                    errors[$"personReference.identifiers[{index}].value"] = ["The NOMS identifier is not the event's prison number"];
                    break;
                case "PNC" when pnc is null && PncId.TryParse(value, today, out var parsedPnc, out _):
                    pnc = parsedPnc.ToString();
                    break;
                case "CRO" when cro is null && CroNumber.TryParse(value, out var parsedCro, out _):
                    cro = parsedCro.ToString();
                    break;
            }
        }

        return (pnc, cro);
    }

    private static IEnumerable<(string Type, string? Value, int Index)> Identifiers(JsonElement root)
    {
        if (!root.TryGetProperty("personReference", out var reference) || reference.ValueKind != JsonValueKind.Object
            || !reference.TryGetProperty("identifiers", out var identifiers) || identifiers.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var index = 0;
        foreach (var identifier in identifiers.EnumerateArray())
        {
            if (identifier.ValueKind == JsonValueKind.Object && Text(identifier, "type") is { } type)
            {
                yield return (type, Text(identifier, "value"), index);
            }

            index++;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }

    [GeneratedRegex("^[A-Za-z]{3}$")]
    private static partial Regex PrisonCode();

    [GeneratedRegex("^[A-Z0-9]{1,4}$")]
    private static partial Regex MovementCode();
}
