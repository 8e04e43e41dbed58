using System.Text;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>The harness itself: replays are exact, and the response check fails what it should.</summary>
public sealed class FuzzHarnessTests
{
    private static readonly IReadOnlyList<FuzzEndpoint> Endpoints = FuzzEndpoints.All();

    private static FuzzRequest SomeRequest(Access access = Access.Allowed) =>
        new FuzzGenerator(1, Endpoints).Generate(0) with { Endpoint = "SubmitReferral", Method = "POST", Access = access };

    private static FuzzEndpoint Endpoint(string name) => Endpoints.Single(e => e.Name == name);

    private static FuzzResponse Problem(int status, string json) => new(status, "application/problem+json", Encoding.UTF8.GetBytes(json), "c1");

    [Fact]
    public void An_input_is_made_again_from_its_seed_and_index_alone()
    {
        var first = new FuzzGenerator(7, Endpoints);
        var again = new FuzzGenerator(7, Endpoints);
        _ = Enumerable.Range(0, 50).Select(first.Generate).ToList();

        var made = first.Generate(49).Describe();

        made.ShouldBe(again.Generate(49).Describe());
    }

    [Fact]
    public void Every_endpoint_in_the_catalog_is_among_the_first_thousand_inputs()
    {
        var generator = new FuzzGenerator(FuzzSettings.DefaultSeed, Endpoints);

        Enumerable.Range(0, 1000).Select(i => generator.Generate(i).Endpoint).Distinct()
            .ShouldBe(Endpoints.Select(e => e.Name), ignoreOrder: true);
    }

    [Fact]
    public void Well_formed_problem_details_pass()
    {
        ResponseCheck.Problems(SomeRequest(), Endpoint("SubmitReferral"),
            Problem(409, """{"type":"urn:iom:problem:x","title":"T","status":409,"currentStatus":"withdrawn"}""")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(500, "application/problem+json", """{"type":"t","title":"T","status":500}""", "server error 500")]
    [InlineData(404, null, "", "404 refusal without problem details (Content-Type: none)")]
    [InlineData(409, "application/problem+json", """{"type":"t","title":"T","status":409,"status":"withdrawn"}""", "problem details whose status is not 409")]
    [InlineData(400, "application/problem+json", """{"title":"T","status":400}""", "problem details without a type")]
    [InlineData(400, "application/problem+json", "not json", "problem details that are not JSON")]
    [InlineData(400, "text/html", "<p>Sorry</p>", "400 refusal without problem details (Content-Type: text/html)")]
    public void A_response_fails_when_it_is_a_server_error_or_a_refusal_without_well_formed_problem_details(int status, string? contentType, string body, string failure)
    {
        var response = new FuzzResponse(status, contentType, Encoding.UTF8.GetBytes(body), "c1");

        ResponseCheck.Problems(SomeRequest(), Endpoint("SubmitReferral"), response).ShouldContain(failure);
    }

    [Fact]
    public void An_html_page_may_refuse_with_an_html_page()
    {
        var response = new FuzzResponse(400, "text/html; charset=utf-8", "<p>Sorry</p>"u8.ToArray(), "c1");

        ResponseCheck.Problems(SomeRequest(), Endpoint("SubmitReferralForm"), response).ShouldBeEmpty();
    }

    [Fact]
    public void Serving_a_caller_the_policy_refuses_fails()
    {
        var response = new FuzzResponse(201, "application/json", "{}"u8.ToArray(), "c1");

        ResponseCheck.Problems(SomeRequest(Access.Refused), Endpoint("SubmitReferral"), response).ShouldContain("201 for a caller the endpoint's policy refuses");
    }

    [Fact]
    public void The_http_servers_own_refusal_of_an_unparseable_request_passes_and_a_bare_refusal_from_the_app_does_not()
    {
        ResponseCheck.Problems(SomeRequest(), Endpoint("SubmitReferral"), new FuzzResponse(431, null, [], null)).ShouldBeEmpty();
        ResponseCheck.Problems(SomeRequest(), Endpoint("SubmitReferral"), new FuzzResponse(431, null, [], "c1")).ShouldNotBeEmpty();
    }
}
