namespace Iom.Domain.Referrals;

/// <summary>
/// An explainable eligibility decision: either a panel or a refusal reason, always with the rule that decided and
/// exactly the inputs that rule looked at (names as in the JSON API, values as strings, enums in kebab-case).
/// </summary>
public sealed class EligibilityDecision
{
    private EligibilityDecision(PanelCode? panel, string? reason, string rule, Dictionary<string, string> inputs)
    {
        Panel = panel;
        Reason = reason;
        Rule = rule;
        Inputs = inputs.AsReadOnly();
    }

    /// <summary>Whether the referral goes to a panel (then <see cref="Panel"/> is set) rather than being refused.</summary>
    public bool IsEligible => Panel is not null;

    /// <summary>The panel the referral is routed to; null when refused.</summary>
    public PanelCode? Panel { get; }

    /// <summary>One of <see cref="RefusalReasons"/> when refused; null when routed.</summary>
    public string? Reason { get; }

    /// <summary>One of <see cref="EligibilityRules"/>.</summary>
    public string Rule { get; }

    /// <summary>The inputs the rule used, in a fixed order, e.g. <c>{"age":"16","assetScore":"26","threshold":"24"}</c>.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; }

    internal static EligibilityDecision Route(PanelCode panel, string rule, Dictionary<string, string> inputs) => new(panel, null, rule, inputs);

    internal static EligibilityDecision Refuse(string reason, string rule, Dictionary<string, string> inputs) => new(null, reason, rule, inputs);

    public override string ToString() =>
        $"{(IsEligible ? $"{Panel} panel" : $"refused {Reason}")} by {Rule} ({string.Join(", ", Inputs.Select(i => $"{i.Key}={i.Value}"))})";
}
