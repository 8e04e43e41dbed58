using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Releases;
using Iom.Domain.Wire;

namespace Iom.Application.Releases;

/// <summary>
/// Every rule a reported release's fields must meet, keyed by JSON path ("releaseAddress.postcode") so the API and the
/// form report each beside its field; identifiers are checked by the domain's parsers. A release date more than
/// <see cref="MaxDaysAhead"/> ahead or <see cref="MaxDaysBehind"/> behind is a typing error, not a plan.
/// </summary>
public sealed partial class ReleaseReportValidator : AbstractValidator<ReleaseReportRequest>
{
    public const int MaxEventIdLength = 100;
    public const int MaxNameLength = SubmitReferralValidator.MaxNameLength;
    public const int MaxNotesLength = 2000;
    public const int MaxAddressLineLength = 100;
    public const int MaxDaysAhead = 366;
    public const int MaxDaysBehind = 366;

    /// <summary>How far in the future <c>occurredAt</c> may be: a prison's clock a little fast is no reason to refuse.</summary>
    public static readonly TimeSpan OccurredAtSkew = TimeSpan.FromMinutes(5);

    private readonly DateOnly today;

    public ReleaseReportValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        today = LondonTime.LondonDate(now);

        RuleFor(r => r.EventId).NotEmpty().WithMessage("Enter the event id")
            .MaximumLength(MaxEventIdLength).WithMessage($"The event id must be {MaxEventIdLength} characters or fewer")
            .Matches(EventIdPattern()).WithMessage("The event id must only include letters, digits, '-', '_', '.' and ':'");
        RuleFor(r => r.PrisonCode).NotEmpty().WithMessage("Enter the prison code")
            .Matches(PrisonCodePattern()).WithMessage("The prison code must be 3 letters, like SWI");
        RuleFor(r => r.PrisonNumber).Custom((text, context) =>
        {
            if (!PrisonNumber.TryParse(text, out _, out var error))
            {
                context.AddFailure(error);
            }
        });
        RuleFor(r => r.PncId).Custom((text, context) => Optional(text, context, (string s, out string e) => PncId.TryParse(s, today, out _, out e)));
        RuleFor(r => r.CroNumber).Custom((text, context) => Optional(text, context, (string s, out string e) => CroNumber.TryParse(s, out _, out e)));
        RuleFor(r => r.GivenName).NotEmpty().WithMessage("Enter the person's given name")
            .MaximumLength(MaxNameLength).WithMessage($"The given name must be {MaxNameLength} characters or fewer")
            .Matches(SubmitReferralValidator.NamePattern()).WithMessage("The given name must only include letters, spaces, hyphens and apostrophes");
        RuleFor(r => r.FamilyName).NotEmpty().WithMessage("Enter the person's family name")
            .MaximumLength(MaxNameLength).WithMessage($"The family name must be {MaxNameLength} characters or fewer")
            .Matches(SubmitReferralValidator.NamePattern()).WithMessage("The family name must only include letters, spaces, hyphens and apostrophes");
        RuleFor(r => r.DateOfBirth).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the person's date of birth");
            }
            else if (!SubmitReferralValidator.TryParseDate(text, out var dob))
            {
                context.AddFailure("Date of birth must be a real date, written YYYY-MM-DD");
            }
            else if (dob >= today)
            {
                context.AddFailure("Date of birth must be in the past");
            }
        });
        RuleFor(r => r.Reason).Must(reason => WireNames.TryParse<ReleaseReason>(reason, out _))
            .WithMessage($"Select the reason: one of {string.Join(", ", WireNames.All<ReleaseReason>())}");
        RuleFor(r => r.ReleaseDate).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter the release date");
            }
            else if (!SubmitReferralValidator.TryParseDate(text, out var date))
            {
                context.AddFailure("The release date must be a real date, written YYYY-MM-DD");
            }
            else if (date > today.AddDays(MaxDaysAhead) || date < today.AddDays(-MaxDaysBehind))
            {
                context.AddFailure("The release date must be within a year of today");
            }
        });
        RuleFor(r => r.OccurredAt).Custom((text, context) =>
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                context.AddFailure("Enter when the event happened");
            }
            else if (!TryParseInstant(text, out var at))
            {
                context.AddFailure("When the event happened must be a date and time with an offset, like 2026-12-14T08:30:00+00:00");
            }
            else if (at > now + OccurredAtSkew)
            {
                context.AddFailure("When the event happened must not be in the future");
            }
        });
        RuleFor(r => r.ReleaseAddress!.Line1).NotEmpty().WithMessage("Enter the first line of the release address")
            .MaximumLength(MaxAddressLineLength).WithMessage($"The address line must be {MaxAddressLineLength} characters or fewer")
            .When(r => r.ReleaseAddress is not null);
        RuleFor(r => r.ReleaseAddress!.Town).NotEmpty().WithMessage("Enter the town of the release address")
            .MaximumLength(MaxAddressLineLength).WithMessage($"The town must be {MaxAddressLineLength} characters or fewer")
            .When(r => r.ReleaseAddress is not null);
        RuleFor(r => r.ReleaseAddress!.Postcode).Custom((text, context) =>
        {
            if (!Postcode.TryParse(text, out _, out var error))
            {
                context.AddFailure(error);
            }
        }).When(r => r.ReleaseAddress is not null);
        RuleFor(r => r.Notes).MaximumLength(MaxNotesLength).WithMessage($"The notes must be {MaxNotesLength} characters or fewer");
    }

    /// <summary>Validates <paramref name="request"/> and makes it a report, identifiers in canonical form.</summary>
    /// <exception cref="Errors.ValidationFailedException">A field breaks a rule; nothing is made.</exception>
    public ReleaseReport ToReport(ReleaseReportRequest request, ReleaseSource source)
    {
        ArgumentNullException.ThrowIfNull(request);
        Errors.ValidationFailedException.ThrowIfInvalid(Validate(request));
        if (!PrisonNumber.TryParse(request.PrisonNumber, out var prisonNumber, out _) || !TryParseInstant(request.OccurredAt, out var occurredAt)
            || !SubmitReferralValidator.TryParseDate(request.DateOfBirth, out var dob) || !SubmitReferralValidator.TryParseDate(request.ReleaseDate, out var releaseDate))
        {
            throw Unchecked();
        }

        return new ReleaseReport(
            source,
            request.EventId!,
            request.PrisonCode!.ToUpperInvariant(),
            prisonNumber.ToString(),
            string.IsNullOrWhiteSpace(request.PncId) ? null : Canonical<PncId>(request.PncId),
            string.IsNullOrWhiteSpace(request.CroNumber) ? null : Canonical<CroNumber>(request.CroNumber),
            request.GivenName!.Trim(),
            request.FamilyName!.Trim(),
            dob,
            WireNames.Parse<ReleaseReason>(request.Reason!),
            releaseDate,
            occurredAt,
            request.ReleaseAddress is { } address
                ? new ReleaseAddress(address.Line1!.Trim(), address.Town!.Trim(), Canonical<Postcode>(address.Postcode))
                : null,
            string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim());
    }

    /// <summary>An instant written with an explicit offset (<c>Z</c> or <c>±hh:mm</c>); a local time without one is ambiguous.</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && OffsetPattern().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private string Canonical<T>(string? text) => typeof(T) switch
    {
        var t when t == typeof(PncId) => PncId.TryParse(text, today, out var pnc, out _) ? pnc.ToString() : throw Unchecked(),
        var t when t == typeof(CroNumber) => CroNumber.TryParse(text, out var cro, out _) ? cro.ToString() : throw Unchecked(),
        var t when t == typeof(Postcode) => Postcode.TryParse(text, out var postcode, out _) ? postcode.ToString() : throw Unchecked(),
        _ => throw Unchecked(),
    };

    private static InvalidOperationException Unchecked() => new("A field was made into a report without passing its rule.");

    private delegate bool Parser(string input, out string error);

    private static void Optional(string? text, ValidationContext<ReleaseReportRequest> context, Parser parse)
    {
        if (!string.IsNullOrWhiteSpace(text) && !parse(text, out var error))
        {
            context.AddFailure(error);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9\-_.:]*$")]
    private static partial Regex EventIdPattern();

    [GeneratedRegex(@"^[A-Za-z]{3}$")]
    private static partial Regex PrisonCodePattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetPattern();
}
