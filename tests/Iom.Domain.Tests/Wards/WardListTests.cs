using Iom.Domain.Wards;

namespace Iom.Domain.Tests.Wards;

public sealed class WardListTests
{
    private static readonly WardList Wards = new([
        new Ward("E05000401", "South Richmond", []),
        new Ward("E05000402", "Ham, Petersham and Richmond Riverside", ["Ham Petersham and Richmond Riverside"]),
        new Ward("W05000403", "Hampton Wick and South Teddington", ["Hampton Wick"]),
    ]);

    [Theory]
    [InlineData("E05000401", "E05000401")]
    [InlineData("e05000401", "E05000401")]
    [InlineData(" W05000403 ", "W05000403")]
    [InlineData("South Richmond", "E05000401")]
    [InlineData("  south   RICHMOND ", "E05000401")]
    [InlineData("Ham, Petersham & Richmond Riverside", "E05000402")]
    [InlineData("ham petersham and richmond riverside", "E05000402")]
    [InlineData("Hampton Wick", "W05000403")]
    [InlineData("Hampton\tWick\nand South Teddington", "W05000403")]
    public void A_ward_is_found_by_its_code_or_by_its_name_or_an_alias_whatever_the_case_and_spacing(string written, string code) =>
        Wards.Resolve(written)!.Code.ShouldBe(code);

    [Theory]
    [InlineData("Richmond")]
    [InlineData("South Richmondd")]
    [InlineData("E05000499")]
    [InlineData("Twickenham")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Anything_else_resolves_to_no_ward_rather_than_a_guess(string? written) => Wards.Resolve(written).ShouldBeNull();

    [Fact]
    public void A_stored_value_is_no_ward_a_code_already_a_name_to_map_or_unknown()
    {
        Wards.Classify(null).ShouldBe((WardMatch.None, null));
        Wards.Classify(" ").ShouldBe((WardMatch.None, null));
        Wards.Classify("E05000401").ShouldBe((WardMatch.Code, Wards.All[0]));
        Wards.Classify("south richmond").ShouldBe((WardMatch.Name, Wards.All[0]));
        // Only the exact stored form of a code is "already coded": a lower-case one is rewritten in canonical form.
        Wards.Classify("e05000401").ShouldBe((WardMatch.Name, Wards.All[0]));
        Wards.Classify("Narnia").ShouldBe((WardMatch.Unknown, null));
    }

    [Fact]
    public void A_usable_list_has_no_problems_and_keeps_its_order()
    {
        WardList.Problems(Wards.All).ShouldBeEmpty();
        Wards.All.Select(w => w.Code).ShouldBe(["E05000401", "E05000402", "W05000403"]);
    }

    [Theory]
    [InlineData("E0500040", "not an ONS ward code")]
    [InlineData("E06000401", "not an ONS ward code")]
    [InlineData("S05000401", "not an ONS ward code")]
    [InlineData("e05000401", "not an ONS ward code")]
    [InlineData("E05\u0661\u0662\u0663\u0664\u0665\u0666", "not an ONS ward code")]
    [InlineData("E05000401\n", "not an ONS ward code")]
    public void A_code_must_be_E05_or_W05_and_six_ascii_digits(string code, string problem) =>
        WardList.Problems([new Ward(code, "Kew", [])]).ShouldHaveSingleItem().ShouldContain(problem);

    [Fact]
    public void An_empty_list_a_repeated_code_a_missing_name_or_a_name_for_two_wards_is_refused()
    {
        WardList.Problems([]).ShouldBe(["the list is empty"]);
        WardList.Problems([new Ward("E05000401", "Kew", []), new Ward("E05000401", "Barnes", [])]).ShouldBe(["E05000401 is listed twice"]);
        WardList.Problems([new Ward("E05000401", " ", [])]).ShouldBe(["E05000401 has no name"]);
        WardList.Problems([new Ward("E05000401", "Kew", []), new Ward("E05000402", "KEW", [])]).ShouldBe(["'KEW' names both E05000401 and E05000402"]);
        WardList.Problems([new Ward("E05000401", "Kew", ["Barnes"]), new Ward("E05000402", "Barnes", [])]).ShouldBe(["'Barnes' names both E05000401 and E05000402"]);
        WardList.Problems([new Ward("E05000401", "Kew", ["E05000402"]), new Ward("E05000402", "Barnes", [])]).ShouldBe(["E05000402 is also a name of E05000401"]);
        Should.Throw<ArgumentException>(() => new WardList([])).Message.ShouldContain("the list is empty");
    }

    [Fact]
    public void A_retired_ward_still_resolves_and_names_old_records_but_is_not_current()
    {
        var wards = new WardList([
            new Ward("E05000401", "South Richmond", []),
            new Ward("E05000301", "Old Deer Park", ["Old Deer Pk"], Retired: true),
        ]);

        wards.Current.Select(w => w.Code).ShouldBe(["E05000401"]);
        wards.All.Select(w => w.Code).ShouldBe(["E05000401", "E05000301"]);
        wards.Resolve("old deer pk")!.ShouldSatisfyAllConditions(w => w.Code.ShouldBe("E05000301"), w => w.Retired.ShouldBeTrue());
        wards.Find("E05000301")!.Name.ShouldBe("Old Deer Park");
        wards.Classify("E05000301").Match.ShouldBe(WardMatch.Code);
    }

    [Fact]
    public void A_list_of_retired_wards_only_is_refused_since_a_new_referral_could_name_none()
    {
        WardList.Problems([new Ward("E05000301", "Old Deer Park", [], Retired: true)]).ShouldBe(["every ward is retired"]);
        Should.Throw<ArgumentException>(() => new WardList([new Ward("E05000301", "Old Deer Park", [], Retired: true)]));
    }
}
