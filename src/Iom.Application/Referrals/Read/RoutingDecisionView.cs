using Iom.Domain.Referrals;

namespace Iom.Application.Referrals.Read;

/// <summary>Which rule decided where a referral went, and the inputs it used, as the API shows it.</summary>
public sealed record RoutingDecisionView(string Rule, IReadOnlyDictionary<string, string> Inputs, PanelCode? Panel)
{
    public static RoutingDecisionView Of(RoutingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new RoutingDecisionView(decision.Rule, new Dictionary<string, string>(decision.Inputs, StringComparer.Ordinal), decision.Panel);
    }
}
