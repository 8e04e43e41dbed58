using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>Assessed risk of serious harm to others. There is no "none": the lowest assessment is low.</summary>
public enum RiskOfSeriousHarm
{
    [WireName("low")] Low,
    [WireName("medium")] Medium,
    [WireName("high")] High,
    [WireName("very-high")] VeryHigh,
}
