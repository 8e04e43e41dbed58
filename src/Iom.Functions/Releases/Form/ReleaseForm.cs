using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Iom.Application.Releases;
using Iom.Domain.Releases;
using Iom.Functions.Referrals.Form;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Iom.Functions.Releases.Form;

/// <summary>
/// The prison link's release form: how its posted fields become a <see cref="ReleaseReportRequest"/> (so the form and
/// the signed JSON door share one validator), and how posted values and errors are shown again beside their fields.
/// </summary>
internal static partial class ReleaseForm
{
    public const string EventIdField = "eventId";
    public const string DateOfBirth = "dateOfBirth";
    public const string ReleaseDate = "releaseDate";
    public const string OccurredAt = "occurredAt";
    public const string OccurredAtTime = "occurredAtTime";

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Every field, in the order the page shows them.</summary>
    public static IReadOnlyList<FormField> Fields { get; } =
    [
        new("prisonCode", "prisonCode", FieldKind.Text, []),
        new("prisonNumber", "prisonNumber", FieldKind.Text, []),
        new("givenName", "givenName", FieldKind.Text, []),
        new("familyName", "familyName", FieldKind.Text, []),
        new(DateOfBirth, "dateOfBirth", FieldKind.Date, []),
        new("pncId", "pncId", FieldKind.Text, []),
        new("croNumber", "croNumber", FieldKind.Text, []),
        new("reason", "reason", FieldKind.Choice, GovUkForm.Options<ReleaseReason>(new()
        {
            [ReleaseReason.Released] = ("Released", "The person has left custody, or is to leave it on the release date"),
            [ReleaseReason.ReleasedToHospital] = ("Released to hospital", "Health services are told too"),
            [ReleaseReason.Transferred] = ("Transferred to another prison", null),
            [ReleaseReason.TemporaryAbsenceRelease] = ("Released on temporary licence", "Recorded only: no agency is alerted"),
            [ReleaseReason.SentToCourt] = ("Sent to court", "Recorded only: no agency is alerted"),
        }), "Select what happened"),
        new(ReleaseDate, "releaseDate", FieldKind.Date, []),
        new(OccurredAt, "occurredAt", FieldKind.Date, []),
        new(OccurredAtTime, OccurredAtTime, FieldKind.Text, []),
        new("addressLine1", "releaseAddress.line1", FieldKind.Text, []),
        new("addressTown", "releaseAddress.town", FieldKind.Text, []),
        new("addressPostcode", "releaseAddress.postcode", FieldKind.Text, []),
        new("notes", "notes", FieldKind.Text, []),
    ];

    /// <summary>
    /// A new form's event id: random, so it says nothing about the person or the prison link, and cannot be guessed to
    /// take another form's place; sent back with the form, so the same form sent twice is the same event.
    /// </summary>
    public static string NewEventId() => "form-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The posted event id if it is one this form drew; otherwise null (the form was not ours, or was altered).</summary>
    public static string? EventIdOf(IFormCollection form) =>
        form[EventIdField] is { Count: 1 } value && value[0] is { } id && EventIdPattern().IsMatch(id) ? id : null;

    public static ReleaseFormReading Read(IFormCollection form, string eventId)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var parts = new Dictionary<string, DateParts>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        var (dateOfBirth, dobParts) = GovUkForm.ReadDate(form, DateOfBirth, "dateOfBirth", "Date of birth", errors);
        var (releaseDate, releaseParts) = GovUkForm.ReadDate(form, ReleaseDate, "releaseDate", "Release date", errors);
        var (occurredOn, occurredParts) = GovUkForm.ReadDate(form, OccurredAt, "occurredAt", "The date it happened", errors);
        parts[DateOfBirth] = dobParts;
        parts[ReleaseDate] = releaseParts;
        parts[OccurredAt] = occurredParts;
        var occurredAt = Instant(occurredOn, Text(form, OccurredAtTime), errors, answered);

        string?[] address = [Text(form, "addressLine1"), Text(form, "addressTown"), Text(form, "addressPostcode")];
        var request = new ReleaseReportRequest
        {
            EventId = eventId,
            PrisonCode = Text(form, "prisonCode"),
            PrisonNumber = Text(form, "prisonNumber"),
            PncId = Text(form, "pncId"),
            CroNumber = Text(form, "croNumber"),
            GivenName = Text(form, "givenName"),
            FamilyName = Text(form, "familyName"),
            DateOfBirth = dateOfBirth,
            Reason = Text(form, "reason"),
            ReleaseDate = releaseDate,
            OccurredAt = occurredAt,
            // The address is optional: any of its boxes filled in is an address, and the validator asks for the rest.
            ReleaseAddress = address.Any(a => a is not null)
                ? new ReleaseAddressInput { Line1 = address[0], Town = address[1], Postcode = address[2] }
                : null,
            Notes = Text(form, "notes"),
        };
        return new ReleaseFormReading(request, errors, parts, answered);
    }

    /// <summary>The page's fields: the posted values (none on a new form), each with its first error, and the error summary.</summary>
    public static FormView View(IFormCollection? posted, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, DateParts> datePartsInError) =>
        GovUkForm.View(Fields, posted ?? new FormCollection(new Dictionary<string, StringValues>()), errors, datePartsInError);

    // The date and time at the prison, in UK time (what a prison link reads off a clock), as an instant with its offset.
    private static string? Instant(string? date, string? time, Dictionary<string, string[]> errors, HashSet<string> answered)
    {
        if (time is null)
        {
            if (date is not null)
            {
                errors[OccurredAtTime] = ["Enter the time it happened"];
                answered.Add("occurredAt");
            }

            return null;
        }

        var match = TimePattern().Match(time);
        if (!match.Success || int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) > 23 || int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) > 59)
        {
            errors[OccurredAtTime] = ["Enter the time in the 24-hour clock, like 14:30"];
            answered.Add("occurredAt");
            return null;
        }

        if (date is null)
        {
            // The date's own message (missing, or not a real date) says what is wrong.
            return null;
        }

        var local = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            .ToDateTime(new TimeOnly(int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture)));
        if (London.IsInvalidTime(local))
        {
            errors[OccurredAtTime] = ["That time did not happen in the UK: the clocks went forward an hour"];
            answered.Add("occurredAt");
            return null;
        }

        // In the hour the clocks go back, the time happened twice: the first (British Summer Time) is taken.
        var offset = London.IsAmbiguousTime(local) ? London.GetAmbiguousTimeOffsets(local).Max() : London.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    private static string? Text(IFormCollection form, string name) => GovUkForm.Text(form, name);

    [GeneratedRegex("^form-[0-9a-f]{32}$")]
    private static partial Regex EventIdPattern();

    [GeneratedRegex(@"^(?<h>\d{1,2})[:.](?<m>\d{2})$")]
    private static partial Regex TimePattern();
}
