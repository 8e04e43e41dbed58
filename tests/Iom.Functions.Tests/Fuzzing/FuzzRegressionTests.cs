using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>What the fuzz runs found, each pinned by one request through the real local host.</summary>
public sealed class FuzzRegressionTests : IAsyncLifetime
{
    private const string CutShort = "--fuzz\r\nContent-Disposition: form-data; name=\"givenName\"\r\n\r\nDarren";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraFunctionTypes: [typeof(FormProbe)]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> Post(string path, string contentType, string body, string role = Roles.Referrer)
    {
        var request = RunningLocalHost.Request(HttpMethod.Post, path, role);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await host.Client.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).ShouldBe(status);
        response.Content.Headers.ContentType?.MediaType.ShouldBe(ProblemResult.ContentType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("status").GetInt32().ShouldBe(status);
        return problem;
    }

    [Fact]
    public async Task A_multipart_form_that_ends_before_its_closing_boundary_is_refused_400_with_problem_details_not_500()
    {
        var response = await Post("/api/probe/form", "multipart/form-data; boundary=fuzz", CutShort);

        (await ProblemOf(response, 400)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:malformed-body");
    }

    [Fact]
    public async Task A_multipart_form_without_a_boundary_is_refused_400_with_problem_details()
    {
        var response = await Post("/api/probe/form", "multipart/form-data", CutShort);

        (await ProblemOf(response, 400)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:malformed-body");
    }

    [Fact]
    public async Task A_well_formed_multipart_form_is_read()
    {
        var response = await Post("/api/probe/form", "multipart/form-data; boundary=fuzz", CutShort + "\r\n--fuzz--\r\n");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("givenName").GetString().ShouldBe("Darren");
    }

    [Fact]
    public async Task The_referral_form_refuses_a_multipart_body_cut_short_with_400_not_500()
    {
        var response = await Post("/api/referrals/new", "multipart/form-data; boundary=fuzz", CutShort);

        await ProblemOf(response, 400);
    }

    [Fact]
    public async Task A_referral_without_drivers_offence_types_or_referrer_email_is_refused_400_naming_each_and_stores_nothing()
    {
        var referral = Referrals.ReferralApiTests.ValidReferral();
        referral.Remove("drivers");
        referral["offenceTypes"] = null;
        referral["referrer"]!.AsObject().Remove("email");

        var response = await Post("/api/referrals", "application/json", referral.ToJsonString());

        var errors = (await ProblemOf(response, 400)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["drivers", "offenceTypes", "referrer.email"], ignoreOrder: true);
        var listed = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/referrals?panel=iom", Roles.Coordinator), Ct);
        (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("sam.patel@met.example.\uFFFDgov.uk")]
    [InlineData("sam.pat\u00E9l@met.example.gov.uk")]
    [InlineData("\"sam;patel\"@met.example.gov.uk")]
    public async Task A_referrer_email_no_mail_system_here_can_send_to_is_refused_400_rather_than_stored_unacknowledgeable(string email)
    {
        var referral = Referrals.ReferralApiTests.ValidReferral();
        referral["referrer"]!["email"] = email;

        var response = await Post("/api/referrals", "application/json", referral.ToJsonString());

        (await ProblemOf(response, 400)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["referrer.email"]);
    }

    [Fact]
    public async Task Withdrawing_a_referral_twice_is_refused_409_with_one_status_member_and_the_current_status_beside_it()
    {
        var created = await Post("/api/referrals", "application/json", Referrals.ReferralApiTests.ValidReferral().ToJsonString());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        const string withdrawal = """{"reason":"person-moved-away"}""";
        (await Post($"/api/referrals/{id}/withdraw", "application/json", withdrawal)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await Post($"/api/referrals/{id}/withdraw", "application/json", withdrawal);

        var problem = await ProblemOf(again, 409);
        problem.EnumerateObject().Count(m => m.Name == "status").ShouldBe(1);
        problem.GetProperty("currentStatus").GetString().ShouldBe("withdrawn");
    }

    [Fact]
    public async Task An_api_path_no_function_serves_gets_404_problem_details()
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/referrals/new/x", Roles.Referrer), Ct);

        (await ProblemOf(response, 404)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:not-found");
    }

    [Fact]
    public async Task A_path_whose_dot_segments_lead_out_of_api_gets_404_problem_details()
    {
        var raw = new Uri(host.BaseAddress.GetLeftPart(UriPartial.Authority) + "/api/health/%2e%2e/%2e%2e/health", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, raw);

        var response = await host.Client.SendAsync(request, Ct);

        await ProblemOf(response, 404);
    }

    [Fact]
    public async Task A_method_the_function_does_not_accept_gets_405_problem_details_naming_the_methods_it_does()
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Delete, "/api/referrals", Roles.Referrer), Ct);

        (await ProblemOf(response, 405)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:method-not-allowed");
        response.Content.Headers.Allow.ShouldBe(["GET", "POST"], ignoreOrder: true);
    }

    /// <summary>Reads a form the way the app's form endpoints do, and echoes its fields.</summary>
    public sealed class FormProbe
    {
        [Function("ProbeForm")]
        [AllowRoles(Roles.Referrer)]
        public static async Task<IActionResult> Read(
            [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probe/form")] HttpRequest request, CancellationToken cancellationToken)
        {
            var form = await RequestBody.ReadFormAsync(request, cancellationToken);
            return new JsonResponse(StatusCodes.Status200OK, LocalHost.ProbeAnswer.Of([.. form.Select(f => (f.Key, (object?)f.Value.ToString()))]));
        }
    }
}
