using System.Globalization;
using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>The facts about a referral that eligibility and routing depend on.</summary>
/// <param name="DateOfBirth">The person's date of birth.</param>
/// <param name="Today">The date of the decision (London date of submission); the domain never reads a clock.</param>
/// <param name="Type">What the referrer asked for.</param>
/// <param name="MappaLevel">MAPPA management level 1-3, or 0 when the person is not MAPPA-managed.</param>
/// <param name="MaracCase">Whether the case is engaged by a MARAC.</param>
/// <param name="AssetScore">The YOT Asset score, when one was given (under-18s).</param>
/// <param name="Rosh">Assessed risk of serious harm to others.</param>
public sealed record EligibilityInput(
    DateOnly DateOfBirth,
    DateOnly Today,
    ReferralType Type,
    int MappaLevel,
    bool MaracCase,
    int? AssetScore,
    RiskOfSeriousHarm Rosh);

/// <summary>Local thresholds, from configuration.</summary>
/// <param name="DyoAssetThreshold">An under-18 with an Asset score at or over this is DYO-eligible (Richmond: 24).</param>
/// <param name="AdultAge">The age from which a person is routed as an adult.</param>
public sealed record EligibilityOptions(int DyoAssetThreshold = 24, int AdultAge = 18);

/// <summary>Why an ineligible referral is refused; also the last segment of the problem-details type.</summary>
public static class RefusalReasons
{
    public const string MappaManaged = "mappa-managed";
    public const string MaracManaged = "marac-managed";
    public const string NotDyoEligible = "not-dyo-eligible";
}

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

/// <summary>Who the IOM partnership takes on, and which panel considers them (Richmond model).</summary>
public static class Eligibility
{
    /// <summary>
    /// Decides in this order, the first rule that applies winning:
    /// <list type="number">
    /// <item>MAPPA level 2 or 3 → refused <c>mappa-managed</c> (IOM excludes them).</item>
    /// <item>A MARAC case → refused <c>marac-managed</c>.</item>
    /// <item>Under the adult age → DYO panel when the Asset score is at or over the threshold, else when RoSH is
    /// high or very high; otherwise refused <c>not-dyo-eligible</c>. The referral type does not matter here.</item>
    /// <item>Adults → ASB panel when the type is ASB; IOM panel when it is IOM; and IOM panel when it is DYO, because
    /// an adult cannot be a DYO and the Richmond model moves DYOs on to IOM/PPO as they come of age.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">MAPPA level outside 0-3, or today before the date of birth.</exception>
    public static EligibilityDecision Decide(EligibilityInput input, EligibilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(input.MappaLevel, nameof(input));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.MappaLevel, 3, nameof(input));

        if (input.MappaLevel >= 2)
        {
            return EligibilityDecision.Refuse(RefusalReasons.MappaManaged, EligibilityRules.MappaExcluded, new() { ["mappaLevel"] = Text(input.MappaLevel) });
        }

        if (input.MaracCase)
        {
            return EligibilityDecision.Refuse(RefusalReasons.MaracManaged, EligibilityRules.MaracExcluded, new() { ["maracCase"] = "true" });
        }

        var age = Age.On(input.DateOfBirth, input.Today);
        return age < options.AdultAge ? DecideYoungPerson(input, options, age) : DecideAdult(input, age);
    }

    private static EligibilityDecision DecideYoungPerson(EligibilityInput input, EligibilityOptions options, int age)
    {
        if (input.AssetScore >= options.DyoAssetThreshold)
        {
            return EligibilityDecision.Route(PanelCode.Dyo, EligibilityRules.DyoAssetThreshold, new()
            {
                ["age"] = Text(age),
                ["assetScore"] = Text(input.AssetScore.Value),
                ["threshold"] = Text(options.DyoAssetThreshold),
            });
        }

        if (input.Rosh is RiskOfSeriousHarm.High or RiskOfSeriousHarm.VeryHigh)
        {
            return EligibilityDecision.Route(PanelCode.Dyo, EligibilityRules.DyoHighRosh, new()
            {
                ["age"] = Text(age),
                ["riskOfSeriousHarm"] = Text(input.Rosh),
            });
        }

        return EligibilityDecision.Refuse(RefusalReasons.NotDyoEligible, EligibilityRules.NotDyoEligible, new()
        {
            ["age"] = Text(age),
            ["assetScore"] = input.AssetScore is { } score ? Text(score) : "none",
            ["threshold"] = Text(options.DyoAssetThreshold),
            ["riskOfSeriousHarm"] = Text(input.Rosh),
        });
    }

    private static EligibilityDecision DecideAdult(EligibilityInput input, int age)
    {
        var (panel, rule) = input.Type switch
        {
            ReferralType.Asb => (PanelCode.Asb, EligibilityRules.AdultAsb),
            ReferralType.Iom => (PanelCode.Iom, EligibilityRules.AdultIom),
            ReferralType.Dyo => (PanelCode.Iom, EligibilityRules.AdultDyoToIom),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.Type, "Not a referral type"),
        };
        return EligibilityDecision.Route(panel, rule, new() { ["age"] = Text(age), ["referralType"] = Text(input.Type) });
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    // The same spelling as the JSON API, so a stored decision reads like the referral that produced it.
    private static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames.Of(value);
}
