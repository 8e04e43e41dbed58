using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wire;

namespace Iom.Application.Referrals.Submit;

/// <summary>The values each enumerated field accepts, as callers write them.</summary>
public static class ReferralVocabulary
{
    public static IReadOnlyList<string> ReferralTypes { get; } = WireNames.All<ReferralType>();
    public static IReadOnlyList<string> RisksOfSeriousHarm { get; } = WireNames.All<RiskOfSeriousHarm>();
    /// <summary>The gender codes (<see cref="PersonVocabularies.Gender"/>: a label is accepted too, and stored as its code).</summary>
    public static IReadOnlyList<string> Genders => PersonVocabularies.Gender.Codes;

    /// <summary>The self-defined ethnicity codes (<see cref="PersonVocabularies.Ethnicity"/>: a label is accepted too, and stored as its code).</summary>
    public static IReadOnlyList<string> Ethnicities => PersonVocabularies.Ethnicity.Codes;

    public static IReadOnlyList<string> OffenceTypes { get; } =
    [
        "burglary", "robbery", "vehicle-crime", "theft-from-the-person", "shoplifting", "other-theft", "violence",
        "drugs", "criminal-damage", "public-order", "weapons", "fraud", "anti-social-behaviour", "other",
    ];

    /// <summary>Drivers of offending recorded on referrals (domain.md).</summary>
    public static IReadOnlyList<string> Drivers { get; } =
    [
        "alcohol", "drugs", "lifestyle-and-associates", "accommodation", "education-training-and-employment",
        "mental-health", "finance", "family",
    ];
}
