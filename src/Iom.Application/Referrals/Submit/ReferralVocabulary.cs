using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Referrals.Submit;

/// <summary>The values each enumerated field accepts, as callers write them.</summary>
public static class ReferralVocabulary
{
    public static IReadOnlyList<string> ReferralTypes { get; } = WireNames.All<ReferralType>();
    public static IReadOnlyList<string> RisksOfSeriousHarm { get; } = WireNames.All<RiskOfSeriousHarm>();
    public static IReadOnlyList<string> Genders { get; } = ["male", "female", "non-binary", "not-stated"];

    /// <summary>
    /// Self-defined ethnicity codes as police forces record them (the 18+1 census categories, with Roma as W4):
    /// A1 Indian, A2 Pakistani, A3 Bangladeshi, A4 Chinese, A9 other Asian; B1 Caribbean, B2 African, B9 other Black;
    /// M1 White and Black Caribbean, M2 White and Black African, M3 White and Asian, M9 other mixed; O2 Arab, O9 any
    /// other; W1 British, W2 Irish, W3 Gypsy or Irish Traveller, W4 Roma, W9 other White; NS not stated.
    /// </summary>
    public static IReadOnlyList<string> Ethnicities { get; } =
        ["A1", "A2", "A3", "A4", "A9", "B1", "B2", "B9", "M1", "M2", "M3", "M9", "O2", "O9", "W1", "W2", "W3", "W4", "W9", "NS"];

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
