using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Referrals;

public sealed class EligibilityTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateOnly Sixteen = new(2010, 6, 1);
    private static readonly DateOnly ThirtyFour = new(1992, 3, 2);
    private static readonly EligibilityOptions Richmond = new();

    private static EligibilityInput Input(
        DateOnly? dateOfBirth = null,
        ReferralType type = ReferralType.Iom,
        int mappaLevel = 0,
        bool marac = false,
        int? asset = null,
        RiskOfSeriousHarm rosh = RiskOfSeriousHarm.Medium) =>
        new(dateOfBirth ?? ThirtyFour, Today, type, mappaLevel, marac, asset, rosh);

    [Fact]
    public void The_default_options_are_the_richmond_thresholds()
    {
        Richmond.DyoAssetThreshold.ShouldBe(24);
        Richmond.AdultAge.ShouldBe(18);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Mappa_level_2_or_3_is_refused_as_mappa_managed_before_any_other_rule(int level)
    {
        var decision = Eligibility.Decide(Input(Sixteen, ReferralType.Dyo, mappaLevel: level, marac: true, asset: 30), Richmond);

        decision.IsEligible.ShouldBeFalse();
        decision.Panel.ShouldBeNull();
        decision.Reason.ShouldBe("mappa-managed");
        decision.Rule.ShouldBe("mappa-level-2-or-3-excluded");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["mappaLevel"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Mappa_level_1_and_no_mappa_do_not_stop_a_referral(int level)
    {
        var decision = Eligibility.Decide(Input(mappaLevel: level), Richmond);

        decision.IsEligible.ShouldBeTrue();
        decision.Panel.ShouldBe(PanelCode.Iom);
    }

    [Fact]
    public void A_marac_case_is_refused_as_marac_managed_even_when_the_person_would_be_dyo_eligible()
    {
        var decision = Eligibility.Decide(Input(Sixteen, ReferralType.Dyo, mappaLevel: 1, marac: true, asset: 30), Richmond);

        decision.Reason.ShouldBe("marac-managed");
        decision.Rule.ShouldBe("marac-case-excluded");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["maracCase"] = "true" });
    }

    [Fact]
    public void An_under_18_with_an_asset_score_at_the_threshold_goes_to_the_dyo_panel()
    {
        var decision = Eligibility.Decide(Input(Sixteen, ReferralType.Iom, asset: 24, rosh: RiskOfSeriousHarm.Low), Richmond);

        decision.Panel.ShouldBe(PanelCode.Dyo);
        decision.Reason.ShouldBeNull();
        decision.Rule.ShouldBe("under-18-dyo-asset-threshold");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "16", ["assetScore"] = "24", ["threshold"] = "24" });
    }

    [Fact]
    public void The_asset_rule_is_named_when_both_the_score_and_the_risk_qualify()
    {
        var decision = Eligibility.Decide(Input(Sixteen, asset: 26, rosh: RiskOfSeriousHarm.VeryHigh), Richmond);

        decision.Rule.ShouldBe("under-18-dyo-asset-threshold");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "16", ["assetScore"] = "26", ["threshold"] = "24" });
    }

    [Theory]
    [InlineData(RiskOfSeriousHarm.High, "high")]
    [InlineData(RiskOfSeriousHarm.VeryHigh, "very-high")]
    public void An_under_18_below_the_threshold_with_high_or_very_high_risk_goes_to_the_dyo_panel(RiskOfSeriousHarm rosh, string written)
    {
        var decision = Eligibility.Decide(Input(Sixteen, asset: 23, rosh: rosh), Richmond);

        decision.Panel.ShouldBe(PanelCode.Dyo);
        decision.Rule.ShouldBe("under-18-dyo-high-rosh");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "16", ["riskOfSeriousHarm"] = written });
    }

    [Fact]
    public void An_under_18_with_no_asset_score_and_high_risk_goes_to_the_dyo_panel()
    {
        Eligibility.Decide(Input(Sixteen, asset: null, rosh: RiskOfSeriousHarm.High), Richmond).Rule.ShouldBe("under-18-dyo-high-rosh");
    }

    [Theory]
    [InlineData(RiskOfSeriousHarm.Low, "low")]
    [InlineData(RiskOfSeriousHarm.Medium, "medium")]
    public void An_under_18_below_the_threshold_with_low_or_medium_risk_is_refused_as_not_dyo_eligible(RiskOfSeriousHarm rosh, string written)
    {
        var decision = Eligibility.Decide(Input(Sixteen, ReferralType.Asb, asset: 23, rosh: rosh), Richmond);

        decision.IsEligible.ShouldBeFalse();
        decision.Reason.ShouldBe("not-dyo-eligible");
        decision.Rule.ShouldBe("under-18-not-dyo-eligible");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "16", ["assetScore"] = "23", ["threshold"] = "24", ["riskOfSeriousHarm"] = written });
    }

    [Fact]
    public void An_under_18_with_no_asset_score_and_medium_risk_is_refused_and_the_missing_score_is_recorded()
    {
        var decision = Eligibility.Decide(Input(Sixteen, asset: null), Richmond);

        decision.Reason.ShouldBe("not-dyo-eligible");
        decision.Inputs["assetScore"].ShouldBe("none");
    }

    [Fact]
    public void The_asset_threshold_comes_from_the_options()
    {
        var options = new EligibilityOptions(DyoAssetThreshold: 20);

        var decision = Eligibility.Decide(Input(Sixteen, asset: 21), options);

        decision.Panel.ShouldBe(PanelCode.Dyo);
        decision.Inputs["threshold"].ShouldBe("20");
        Eligibility.Decide(Input(Sixteen, asset: 21), Richmond).Reason.ShouldBe("not-dyo-eligible");
    }

    [Fact]
    public void A_person_is_an_adult_from_their_18th_birthday()
    {
        var eighteenToday = new DateOnly(2008, 11, 24);
        var eighteenTomorrow = new DateOnly(2008, 11, 25);

        Eligibility.Decide(Input(eighteenToday, asset: 0), Richmond).Rule.ShouldBe("adult-iom");
        var minor = Eligibility.Decide(Input(eighteenTomorrow, asset: 0), Richmond);
        minor.Rule.ShouldBe("under-18-not-dyo-eligible");
        minor.Inputs["age"].ShouldBe("17");
    }

    [Fact]
    public void The_adult_age_comes_from_the_options()
    {
        var decision = Eligibility.Decide(Input(Sixteen, asset: 0), new EligibilityOptions(AdultAge: 16));

        decision.Rule.ShouldBe("adult-iom");
    }

    [Fact]
    public void An_adult_asb_referral_goes_to_the_asb_panel()
    {
        var decision = Eligibility.Decide(Input(ThirtyFour, ReferralType.Asb, mappaLevel: 1), Richmond);

        decision.Panel.ShouldBe(PanelCode.Asb);
        decision.Rule.ShouldBe("adult-asb");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "34", ["referralType"] = "asb" });
    }

    [Fact]
    public void An_adult_iom_referral_goes_to_the_iom_panel_whatever_the_asset_score_and_risk()
    {
        var decision = Eligibility.Decide(Input(ThirtyFour, ReferralType.Iom, asset: 0, rosh: RiskOfSeriousHarm.Low), Richmond);

        decision.Panel.ShouldBe(PanelCode.Iom);
        decision.Rule.ShouldBe("adult-iom");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "34", ["referralType"] = "iom" });
    }

    [Fact]
    public void An_adult_referred_as_dyo_goes_to_the_iom_panel_under_a_rule_that_says_so()
    {
        var nineteen = new DateOnly(2007, 1, 15);

        var decision = Eligibility.Decide(Input(nineteen, ReferralType.Dyo, asset: 30, rosh: RiskOfSeriousHarm.High), Richmond);

        decision.Panel.ShouldBe(PanelCode.Iom);
        decision.Rule.ShouldBe("adult-dyo-transition-to-iom");
        decision.Inputs.ShouldBe(new Dictionary<string, string> { ["age"] = "19", ["referralType"] = "dyo" });
    }

    [Fact]
    public void The_inputs_keep_the_order_in_which_the_rule_uses_them()
    {
        var decision = Eligibility.Decide(Input(Sixteen, asset: 3, rosh: RiskOfSeriousHarm.Low), Richmond);

        decision.Inputs.Keys.ShouldBe(["age", "assetScore", "threshold", "riskOfSeriousHarm"]);
        decision.ToString().ShouldBe("refused not-dyo-eligible by under-18-not-dyo-eligible (age=16, assetScore=3, threshold=24, riskOfSeriousHarm=low)");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void A_mappa_level_outside_0_to_3_is_refused_as_an_argument_error(int level)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Eligibility.Decide(Input(mappaLevel: level), Richmond));
    }

    [Fact]
    public void A_date_of_birth_after_today_is_refused_as_an_argument_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Eligibility.Decide(Input(Today.AddDays(1)), Richmond));
    }
}
