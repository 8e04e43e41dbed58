using Iom.Domain.Agencies;

namespace Iom.Domain.Tests.Agencies;

public sealed class AgencyListTests
{
    private static readonly AgencyList Agencies = new([
        new Agency("police", "Police"),
        new Agency("youth-justice", "Youth justice service"),
        new Agency("cps", "Crown Prosecution Service", Retired: true),
    ]);

    [Theory]
    [InlineData("police", "police")]
    [InlineData("POLICE", "police")]
    [InlineData(" Youth-Justice ", "youth-justice")]
    [InlineData("cps", "cps")]
    [InlineData("polce", "unknown")]
    [InlineData("Police Scotland", "unknown")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void A_stored_value_is_keyed_by_the_code_it_names_without_regard_to_case_and_anything_else_is_unknown(string? stored, string key)
    {
        Agencies.KeyOf(stored).ShouldBe(key);
    }

    [Fact]
    public void A_retired_agency_still_names_its_key_but_is_not_current()
    {
        Agencies.NameOf("cps").ShouldBe("Crown Prosecution Service");
        Agencies.Find("cps")!.Retired.ShouldBeTrue();
        Agencies.Current.Select(a => a.Code).ShouldBe(["police", "youth-justice"]);
        Agencies.All.Count.ShouldBe(3);
    }

    [Fact]
    public void Only_a_listed_code_has_a_name_to_show()
    {
        Agencies.NameOf("youth-justice").ShouldBe("Youth justice service");
        Agencies.NameOf("unknown").ShouldBeNull();
        Agencies.NameOf("POLICE").ShouldBeNull();
    }

    [Theory]
    [InlineData("Police", "'Police' is not an agency code")]
    [InlineData("", "'' is not an agency code")]
    [InlineData("police force", "'police force' is not an agency code")]
    [InlineData("police\n", "is not an agency code")]
    [InlineData("-police", "is not an agency code")]
    [InlineData("unknown", "'unknown' is kept for referrals of no listed agency")]
    public void A_code_that_is_not_lower_case_letters_digits_and_hyphens_or_is_reserved_is_refused(string code, string problem)
    {
        AgencyList.Problems([new Agency(code, "An agency")]).ShouldContain(p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_list_that_is_empty_repeats_a_code_lacks_a_name_or_is_all_retired_is_refused()
    {
        AgencyList.Problems([]).ShouldBe(["the list is empty"]);
        AgencyList.Problems([new Agency("police", "Police"), new Agency("police", "Police again")]).ShouldBe(["police is listed twice"]);
        AgencyList.Problems([new Agency("police", " ")]).ShouldBe(["police has no name"]);
        AgencyList.Problems([new Agency("cps", "CPS", Retired: true)]).ShouldBe(["every agency is retired"]);
        Should.Throw<ArgumentException>(() => new AgencyList([])).Message.ShouldContain("the list is empty");
        AgencyList.Problems(Agencies.All).ShouldBeEmpty();
    }
}
