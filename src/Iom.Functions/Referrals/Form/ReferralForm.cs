using System.Globalization;
using Iom.Application.Identity;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wards;
using Iom.Domain.Wire;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// The referral form: how its posted fields become a <see cref="SubmitReferralRequest"/> (so the form and the JSON
/// API share one validator and one handler), and how posted values and errors, keyed by the request's JSON paths, are
/// shown again beside their fields and in the error summary, in page order.
/// </summary>
internal static class ReferralForm
{
    public const string DateOfBirth = "dateOfBirth";

    /// <summary>The ward field: a select of the configured wards (<see cref="View"/> fills in its options).</summary>
    public const string Ward = "ward";

    private static readonly IReadOnlyList<FormOption> YesNo = [new("yes", "Yes"), new("no", "No")];

    /// <summary>Every field, in the order the page shows them.</summary>
    public static IReadOnlyList<FormField> Fields { get; } =
    [
        new("referralType", "referralType", FieldKind.Choice, Options<ReferralType>(new()
        {
            [ReferralType.Iom] = new("Integrated Offender Management (IOM)", "An adult whose offending harms the area most"),
            [ReferralType.Asb] = new("Anti-social behaviour (ASB)", "An adult causing anti-social behaviour"),
            [ReferralType.Dyo] = new("Deter Young Offenders (DYO)", "A young person under 18"),
        }), "Select the type of referral"),
        new("emergency", "emergency", FieldKind.Choice, YesNo, "Select yes if this is an emergency referral"),
        new("givenName", "person.givenName", FieldKind.Text, []),
        new("familyName", "person.familyName", FieldKind.Text, []),
        new(DateOfBirth, "person.dateOfBirth", FieldKind.Date, []),
        new("gender", "person.gender", FieldKind.Choice, Options(PersonVocabularies.Gender, withCodes: false), "Select the person's gender, or not stated"),
        // The self-defined ethnicity codes police forces record (2021 census groups), shown with their codes.
        new("ethnicity", "person.ethnicity", FieldKind.Choice, Options(PersonVocabularies.Ethnicity, withCodes: true)),
        new("pncId", "person.pncId", FieldKind.Text, []),
        new("croNumber", "person.croNumber", FieldKind.Text, []),
        new("prisonNumber", "person.prisonNumber", FieldKind.Text, []),
        new("crn", "person.crn", FieldKind.Text, []),
        new("postcode", "person.postcode", FieldKind.Text, []),
        new(Ward, "person.ward", FieldKind.Choice, []),
        new("offenceTypes", "offenceTypes", FieldKind.Choices, Options(ReferralVocabulary.OffenceTypes, new()
        {
            ["burglary"] = new("Burglary", null),
            ["robbery"] = new("Robbery", null),
            ["vehicle-crime"] = new("Vehicle crime", null),
            ["theft-from-the-person"] = new("Theft from the person", null),
            ["shoplifting"] = new("Shoplifting", null),
            ["other-theft"] = new("Other theft", null),
            ["violence"] = new("Violence", null),
            ["drugs"] = new("Drug offences", null),
            ["criminal-damage"] = new("Criminal damage", null),
            ["public-order"] = new("Public order", null),
            ["weapons"] = new("Weapons", null),
            ["fraud"] = new("Fraud", null),
            ["anti-social-behaviour"] = new("Anti-social behaviour", null),
            ["other"] = new("Other", null),
        })),
        new("drivers", "drivers", FieldKind.Choices, Options(ReferralVocabulary.Drivers, new()
        {
            ["alcohol"] = new("Alcohol", null),
            ["drugs"] = new("Drugs", null),
            ["lifestyle-and-associates"] = new("Lifestyle and associates", null),
            ["accommodation"] = new("Accommodation", null),
            ["education-training-and-employment"] = new("Education, training and employment", null),
            ["mental-health"] = new("Mental health", null),
            ["finance"] = new("Finance", null),
            ["family"] = new("Family", null),
        })),
        new("riskOfSeriousHarm", "riskOfSeriousHarm", FieldKind.Choice, Options<RiskOfSeriousHarm>(new()
        {
            [RiskOfSeriousHarm.Low] = new("Low", null),
            [RiskOfSeriousHarm.Medium] = new("Medium", null),
            [RiskOfSeriousHarm.High] = new("High", null),
            [RiskOfSeriousHarm.VeryHigh] = new("Very high", null),
        }), "Select the risk of serious harm"),
        new("mappaLevel", "mappaLevel", FieldKind.Choice,
            [new("0", "Not managed under MAPPA"), new("1", "Level 1"), new("2", "Level 2"), new("3", "Level 3")],
            "Select the MAPPA level, or not managed under MAPPA"),
        new("maracCase", "maracCase", FieldKind.Choice, YesNo, "Select yes if the case is engaged by MARAC"),
        new("statutory", "statutory", FieldKind.Choice, YesNo, "Select yes if the person is under statutory supervision"),
        new("assetScore", "assetScore", FieldKind.Text, []),
        new("ogrsScore", "ogrsScore", FieldKind.Text, []),
        new("reason", "reason", FieldKind.Text, []),
        new("referrerName", "referrer.name", FieldKind.Text, []),
        new("referrerEmail", "referrer.email", FieldKind.Text, []),
        new("referrerPhone", "referrer.phone", FieldKind.Text, []),
    ];

    public static FormReading Read(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (dateOfBirth, datePartsInError) = GovUkForm.ReadDate(form, DateOfBirth, "person.dateOfBirth", "Date of birth", errors);
        var request = new SubmitReferralRequest
        {
            Person = new PersonInput
            {
                GivenName = Text(form, "givenName"),
                FamilyName = Text(form, "familyName"),
                DateOfBirth = dateOfBirth,
                Gender = Text(form, "gender"),
                Ethnicity = Text(form, "ethnicity"),
                PncId = Text(form, "pncId"),
                CroNumber = Text(form, "croNumber"),
                PrisonNumber = Text(form, "prisonNumber"),
                Crn = Text(form, "crn"),
                Postcode = Text(form, "postcode"),
                Ward = Text(form, Ward),
            },
            ReferralType = Text(form, "referralType"),
            Reason = Text(form, "reason"),
            OffenceTypes = Many(form, "offenceTypes"),
            Drivers = Many(form, "drivers"),
            RiskOfSeriousHarm = Text(form, "riskOfSeriousHarm"),
            MappaLevel = WholeNumber(form, "mappaLevel", "The MAPPA level must be 0, 1, 2 or 3", errors),
            MaracCase = YesOrNo(form, "maracCase"),
            AssetScore = WholeNumber(form, "assetScore", "The Asset score must be a whole number, like 24", errors),
            OgrsScore = WholeNumber(form, "ogrsScore", "The OGRS score must be a whole number from 0 to 100", errors),
            Statutory = YesOrNo(form, "statutory"),
            Emergency = YesOrNo(form, "emergency"),
            Referrer = new ReferrerInput
            {
                Name = Text(form, "referrerName"),
                Email = Text(form, "referrerEmail"),
                Phone = Text(form, "referrerPhone"),
            },
        };
        return new FormReading(request, errors, datePartsInError);
    }

    /// <summary>
    /// The page's fields: the posted values (or, on a new form, the referrer's own name and e-mail from their identity),
    /// each with its first error, and the error summary's links in page order.
    /// </summary>
    public static FormView View(IFormCollection? posted, Caller caller, IReadOnlyDictionary<string, string[]> errors, DateParts datePartsInError, WardList wards)
    {
        ArgumentNullException.ThrowIfNull(wards);
        var values = posted ?? new FormCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>
        {
            ["referrerName"] = caller.Name ?? "",
            ["referrerEmail"] = caller.Email ?? "",
        });
        // The wards are configuration, not vocabulary: each current one shown by name, sent as its code.
        var wardOptions = wards.Current.Select(w => new FormOption(w.Code, w.Name)).ToList();
        var fields = Fields.Select(f => f.Name == Ward ? f with { Options = wardOptions } : f).ToList();
        return GovUkForm.View(fields, values, errors, new Dictionary<string, DateParts> { [DateOfBirth] = datePartsInError });
    }

    private static string? Text(IFormCollection form, string name) => GovUkForm.Text(form, name);

    private static List<string> Many(IFormCollection form, string name) =>
        form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();

    private static bool? YesOrNo(IFormCollection form, string name) => Text(form, name) switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    private static int? WholeNumber(IFormCollection form, string name, string message, Dictionary<string, string[]> errors)
    {
        var text = Text(form, name);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors[name] = [message];
        return null;
    }

    private static List<FormOption> Options<TEnum>(Dictionary<TEnum, (string Text, string? Hint)> labels)
        where TEnum : struct, Enum => GovUkForm.Options(labels);

    // A coded vocabulary's options: each sent as its code, shown by its label (and code, where people know the codes).
    private static List<FormOption> Options(Vocabulary vocabulary, bool withCodes) =>
        [.. vocabulary.Terms.Select(t => new FormOption(t.Code, withCodes ? $"{t.Label} ({t.Code})" : t.Label))];

    private static List<FormOption> Options(IReadOnlyList<string> vocabulary, Dictionary<string, (string Text, string? Hint)> labels) =>
        GovUkForm.Options(vocabulary, labels);
}
