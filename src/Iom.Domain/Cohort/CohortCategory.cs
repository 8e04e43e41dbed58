using Iom.Domain.Wire;

namespace Iom.Domain.Cohort;

/// <summary>Why a person is in the IOM cohort (domain.md: PPO, DYO, ASB, non-statutory, drug-testing).</summary>
public enum CohortCategory
{
    [WireName("ppo")] Ppo,
    [WireName("dyo")] Dyo,
    [WireName("asb")] Asb,
    [WireName("non-statutory")] NonStatutory,
    [WireName("drug")] Drug,
}
