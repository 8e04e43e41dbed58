namespace Iom.Domain.Referrals;

/// <summary>Which rule decided where the referral went (or why it was refused), and the inputs it used.</summary>
public sealed record RoutingDecision(string Rule, IReadOnlyDictionary<string, string> Inputs, PanelCode? Panel);
