using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using FluentValidation;
using Iom.Application.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wards;

namespace Iom.Application.Referrals.Submit;

/// <summary>
/// Every rule a referral's fields must meet. Failures are keyed by the field's JSON path ("person.pncId"), so the
/// API and the HTML form report each beside its field. Identifiers are checked by the domain's parsers.
/// A <c>When</c> after other validators in one rule is limited to the validator before it
/// (<see cref="ApplyConditionTo.CurrentValidator"/>): by default it would make the whole chain conditional, and a
/// missing list or e-mail would then pass its NotNull/NotEmpty.
/// </summary>
public sealed partial class SubmitReferralValidator : AbstractValidator<SubmitReferralRequest>
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 4000;
    public const int MinAge = 10;
    public const int MaxAge = 100;

    /// <param name="recipients">Where the acknowledgement may go besides <paramref name="callerEmail"/>.</param>
    /// <param name="callerEmail">The caller's own address, from their identity; null to allow only the secure domains.</param>
    /// <param name="wards">The local authority's wards: the person's ward, if given, must be one of them.</param>
    public SubmitReferralValidator(TimeProvider time, SecureMailDomains recipients, string? callerEmail, WardList wards)
    {
        var today = LondonTime.LondonDate(time.GetUtcNow());

        RuleFor(r => r.Person).NotNull().WithMessage("Enter the person's details").SetValidator(new PersonValidator(today, wards)!);
        RuleFor(r => r.ReferralType).Must(OneOf(ReferralVocabulary.ReferralTypes)).WithMessage(Choose("the referral type", ReferralVocabulary.ReferralTypes));
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Enter the reason for the referral")
            .MaximumLength(MaxReasonLength).WithMessage($"The reason must be {MaxReasonLength} characters or fewer");
        RuleFor(r => r.OffenceTypes).NotNull().WithMessage("Select the offence types, or none")
            .Must(list => list!.Count <= ReferralVocabulary.OffenceTypes.Count).When(r => r.OffenceTypes is not null, ApplyConditionTo.CurrentValidator).WithMessage("Too many offence types");
        RuleForEach(r => r.OffenceTypes).Must(OneOf(ReferralVocabulary.OffenceTypes)).WithMessage(Choose("an offence type", ReferralVocabulary.OffenceTypes));
        RuleFor(r => r.Drivers).NotNull().WithMessage("Select the drivers of offending, or none")
            .Must(list => list!.Count <= ReferralVocabulary.Drivers.Count).When(r => r.Drivers is not null, ApplyConditionTo.CurrentValidator).WithMessage("Too many drivers");
        RuleForEach(r => r.Drivers).Must(OneOf(ReferralVocabulary.Drivers)).WithMessage(Choose("a driver", ReferralVocabulary.Drivers));
        RuleFor(r => r.RiskOfSeriousHarm).Must(OneOf(ReferralVocabulary.RisksOfSeriousHarm)).WithMessage(Choose("the risk of serious harm", ReferralVocabulary.RisksOfSeriousHarm));
        RuleFor(r => r.MappaLevel).NotNull().WithMessage("Enter the MAPPA level (0 if not MAPPA)")
            .InclusiveBetween(0, 3).WithMessage("The MAPPA level must be 0, 1, 2 or 3");
        RuleFor(r => r.MaracCase).NotNull().WithMessage("Say whether this is a MARAC case");
        RuleFor(r => r.Statutory).NotNull().WithMessage("Say whether the person is under statutory supervision");
        RuleFor(r => r.Emergency).NotNull().WithMessage("Say whether this is an emergency referral");
        RuleFor(r => r.AssetScore).InclusiveBetween(0, 64).WithMessage("The Asset score must be between 0 and 64");
        RuleFor(r => r.AssetScore).NotNull().When(r => IsUnder18(r, today)).WithMessage("Enter the Asset score: the person is under 18");
        RuleFor(r => r.OgrsScore).InclusiveBetween(0, 100).WithMessage("The OGRS score must be between 0 and 100");
        RuleFor(r => r.OgrsScore).NotNull().When(r => IsAdult(r, today)).WithMessage("Enter the OGRS score: the person is 18 or over");
        RuleFor(r => r.Referrer).NotNull().WithMessage("Enter your details as the referrer").SetValidator(new ReferrerValidator(recipients, callerEmail)!);
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsUnder18(SubmitReferralRequest r, DateOnly today) => AgeOf(r, today) is < 18;

    private static bool IsAdult(SubmitReferralRequest r, DateOnly today) => AgeOf(r, today) is >= 18;

    // Null when the date of birth is missing, malformed or not in the past (reported on its own field).
    private static int? AgeOf(SubmitReferralRequest r, DateOnly today) =>
        TryParseDate(r.Person?.DateOfBirth, out var dob) && dob < today ? Age.On(dob, today) : null;

    private static Func<string?, bool> OneOf(IReadOnlyList<string> allowed) => value => value is not null && allowed.Contains(value, StringComparer.Ordinal);

    private static string Choose(string what, IReadOnlyList<string> allowed) => $"Select {what}: one of {string.Join(", ", allowed)}";

    private sealed class PersonValidator : AbstractValidator<PersonInput>
    {
        public PersonValidator(DateOnly today, WardList wards)
        {
            RuleFor(p => p.GivenName).NotEmpty().WithMessage("Enter the person's given name")
                .MaximumLength(MaxNameLength).WithMessage($"The given name must be {MaxNameLength} characters or fewer")
                .Matches(NamePattern()).WithMessage("The given name must only include letters, spaces, hyphens and apostrophes");
            RuleFor(p => p.FamilyName).NotEmpty().WithMessage("Enter the person's family name")
                .MaximumLength(MaxNameLength).WithMessage($"The family name must be {MaxNameLength} characters or fewer")
                .Matches(NamePattern()).WithMessage("The family name must only include letters, spaces, hyphens and apostrophes");
            RuleFor(p => p.DateOfBirth).Custom((text, context) =>
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    context.AddFailure("Enter the person's date of birth");
                }
                else if (!TryParseDate(text, out var dob))
                {
                    context.AddFailure("Date of birth must be a real date, written YYYY-MM-DD");
                }
                else if (dob >= today)
                {
                    context.AddFailure("Date of birth must be in the past");
                }
                else if (Age.On(dob, today) is < MinAge or > MaxAge)
                {
                    context.AddFailure($"The person must be between {MinAge} and {MaxAge} years old");
                }
            });
            // A code or a label, either case (stored as the code); the message never repeats what was sent.
            RuleFor(p => p.Gender).Must(gender => PersonVocabularies.Gender.Resolve(gender) is not null)
                .WithMessage(Choose("the gender", ReferralVocabulary.Genders));
            RuleFor(p => p.Ethnicity).Must(ethnicity => PersonVocabularies.Ethnicity.Resolve(ethnicity) is not null).When(p => p.Ethnicity is not null)
                .WithMessage("Select an ethnic group: its code, like W1, or its name, like White: Irish, or NS for not stated");
            RuleFor(p => p.PncId).Custom((text, context) => Check(text, context, (string s, out string e) => PncId.TryParse(s, today, out _, out e)));
            RuleFor(p => p.CroNumber).Custom((text, context) => Check(text, context, (string s, out string e) => CroNumber.TryParse(s, out _, out e)));
            RuleFor(p => p.PrisonNumber).Custom((text, context) => Check(text, context, (string s, out string e) => PrisonNumber.TryParse(s, out _, out e)));
            RuleFor(p => p.Crn).Custom((text, context) => Check(text, context, (string s, out string e) => CaseReferenceNumber.TryParse(s, out _, out e)));
            RuleFor(p => p.Postcode).Custom((text, context) => Check(text, context, (string s, out string e) => Postcode.TryParse(s, out _, out e)));
            // A code or a known name (normalised to its code when stored); the message never repeats what was sent.
            // A retired ward still names old records, but a new referral is about where the person lives now.
            var example = wards.Current[0];
            RuleFor(p => p.Ward).Custom((ward, context) =>
            {
                if (string.IsNullOrWhiteSpace(ward))
                {
                    return;
                }

                switch (wards.Resolve(ward))
                {
                    case null:
                        context.AddFailure($"Select a ward of the local authority, or leave it blank: its ONS code, like {example.Code}, or its name, like {example.Name}");
                        break;
                    case { Retired: true }:
                        context.AddFailure("That ward was abolished when the ward boundaries changed: select the person's current ward, or leave it blank");
                        break;
                }
            });
        }

        private delegate bool Parser(string input, out string error);

        // Optional identifiers: absent is fine, present must parse.
        private static void Check(string? text, ValidationContext<PersonInput> context, Parser parse)
        {
            if (!string.IsNullOrWhiteSpace(text) && !parse(text, out var error))
            {
                context.AddFailure(error);
            }
        }
    }

    private sealed class ReferrerValidator : AbstractValidator<ReferrerInput>
    {
        public ReferrerValidator(SecureMailDomains recipients, string? callerEmail)
        {
            RuleFor(r => r.Name).NotEmpty().WithMessage("Enter your name").MaximumLength(MaxNameLength).WithMessage($"Your name must be {MaxNameLength} characters or fewer");
            RuleFor(r => r.Email).NotEmpty().WithMessage("Enter your email address")
                .MaximumLength(254).WithMessage("The email address must be 254 characters or fewer")
                .Must(BeAnEmailAddress).When(r => !string.IsNullOrEmpty(r.Email), ApplyConditionTo.CurrentValidator).WithMessage("Enter an email address in the correct format, like name@example.gov.uk")
                // The acknowledgement goes to this address: the caller's own, or a secure route, never anywhere a body names.
                .Must(email => string.Equals(email, callerEmail, StringComparison.OrdinalIgnoreCase) || recipients.Allows(email))
                .When(r => BeAnEmailAddress(r.Email), ApplyConditionTo.CurrentValidator).WithMessage(SecureMailDomains.Rule);
            RuleFor(r => r.Phone).Matches(PhonePattern()).When(r => !string.IsNullOrEmpty(r.Phone))
                .WithMessage("Enter a UK telephone number, like 020 7946 0000");
        }

        // Also one the acknowledgement can be sent to: a plain ASCII address, as every mail adapter requires.
        private static bool BeAnEmailAddress(string? email) =>
            MailAddress.TryCreate(email, out var address) && address.Address == email && email.Contains('.', StringComparison.Ordinal)
            && Ports.Mail.MailAddress.IsPlain(email);
    }

    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M}' \-]*$")]
    internal static partial Regex NamePattern();

    [GeneratedRegex(@"^(\+44\s?|0)[0-9\s]{9,13}$")]
    private static partial Regex PhonePattern();
}
