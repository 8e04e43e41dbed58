using Iom.Domain.Wire;

namespace Iom.Domain.Cohort;

/// <summary>The national IOM cohort types: fixed (statutory, neighbourhood crime), flex (local priority), free (local choice).</summary>
public enum CohortType
{
    [WireName("fixed")] Fixed,
    [WireName("flex")] Flex,
    [WireName("free")] Free,
}
