namespace Iom.Domain.Referrals;

/// <summary>Local thresholds, from configuration.</summary>
/// <param name="DyoAssetThreshold">An under-18 with an Asset score at or over this is DYO-eligible (Richmond: 24).</param>
/// <param name="AdultAge">The age from which a person is routed as an adult.</param>
public sealed record EligibilityOptions(int DyoAssetThreshold = 24, int AdultAge = 18);
