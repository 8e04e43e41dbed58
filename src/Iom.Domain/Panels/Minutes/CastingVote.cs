using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Minutes;

/// <summary>The acting chair's casting vote on a tie (ToR 1.12, 4.10), or the ASB chair's final say (ToR 2.10).</summary>
public enum CastingVote
{
    [WireName("for")] For,
    [WireName("against")] Against,
}
