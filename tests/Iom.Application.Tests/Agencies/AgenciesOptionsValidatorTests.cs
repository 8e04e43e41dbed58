using Iom.Application.Agencies;

namespace Iom.Application.Tests.Agencies;

public sealed class AgenciesOptionsValidatorTests
{
    private static AgenciesOptions Options(params AgencyOptions[] agencies) => new() { Agencies = [.. agencies] };

    [Fact]
    public void A_list_with_lower_case_unique_codes_and_names_is_accepted_trimmed_with_its_retired_flag()
    {
        var options = Options(new AgencyOptions { Code = " police ", Name = "Police" }, new AgencyOptions { Code = "cps", Name = "CPS", Retired = true });

        new AgenciesOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        options.ToAgencies().Select(a => (a.Code, a.Retired)).ShouldBe([("police", false), ("cps", true)]);
    }

    [Fact]
    public void The_app_does_not_start_with_an_upper_case_or_repeated_code_a_missing_name_or_no_agencies()
    {
        var failed = new AgenciesOptionsValidator().Validate(null,
            Options(new AgencyOptions { Code = "Police", Name = "Police" }, new AgencyOptions { Code = "yot" }, new AgencyOptions { Code = "yot", Name = "YOT" }));

        failed.Failed.ShouldBeTrue();
        failed.FailureMessage!.ShouldStartWith("Agencies: ");
        failed.FailureMessage!.ShouldContain("'Police' is not an agency code");
        failed.FailureMessage!.ShouldContain("yot has no name");
        failed.FailureMessage!.ShouldContain("yot is listed twice");
        new AgenciesOptionsValidator().Validate(null, new AgenciesOptions()).FailureMessage!.ShouldContain("the list is empty");
    }
}
