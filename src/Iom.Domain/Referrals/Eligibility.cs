using System.Globalization;
using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

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
