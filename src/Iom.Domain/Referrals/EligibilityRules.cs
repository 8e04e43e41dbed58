namespace Iom.Domain.Referrals;

/// <summary>The stable names of the eligibility rules, stored with every decision. Never rename one.</summary>
/// <remarks>The "under-18" in the names is the default adult age; a configured <see cref="EligibilityOptions.AdultAge"/> keeps the names.</remarks>
public static class EligibilityRules
{
    public const string MappaExcluded = "mappa-level-2-or-3-excluded";
    public const string MaracExcluded = "marac-case-excluded";
    public const string DyoAssetThreshold = "under-18-dyo-asset-threshold";
    public const string DyoHighRosh = "under-18-dyo-high-rosh";
    public const string NotDyoEligible = "under-18-not-dyo-eligible";
    public const string AdultAsb = "adult-asb";
    public const string AdultIom = "adult-iom";
    public const string AdultDyoToIom = "adult-dyo-transition-to-iom";
}
