using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Wards.Mapping;
using Iom.Domain.Referrals;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// Wards as codes through the local host's HTTP stack, with the shipped list (wards.json): the intake takes a code or
/// a ward's name and stores the code, reads show code and name, and the co-ordinator's mapping turns the free-text wards
/// of referrals stored before into codes, reporting the rest.
/// </summary>
public sealed class ReferralWardApiTests : IAsyncLifetime
{
    private const string Auditor = "auditor@richmond.example";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Iom.Domain.Wards.Ward Kew => ShippedWards.List.Resolve("Kew")!;

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--RateLimits:PermitsPerMinute=1000"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private static JsonObject ReferralIn(string? ward, string family = "Quenby", string pnc = "2012/0052494Q")
    {
        var referral = ReferralApiTests.ValidReferral(family: family, pnc: pnc);
        referral["person"]!["ward"] = ward;
        return referral;
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string role, HttpStatusCode expected, string email = "test@police.example")
    {
        using var request = RunningLocalHost.Request(method, path, role, email: email);
        using var response = await host.Client.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private async Task<JsonElement> PersonOfAsync(string referralId) =>
        (await SendAsync(HttpMethod.Get, $"/api/referrals/{referralId}", Roles.Coordinator, HttpStatusCode.OK)).GetProperty("person");

    /// <summary>A referral as one stored before wards were codes holds it: the ward as the referrer typed it.</summary>
    private async Task<(string ReferralId, string PersonId)> StoredBeforeCodesAsync(string freeText, string family, string pnc)
    {
        var (referralId, personId) = await host.ReferAsync(ReferralIn(null, family, pnc));
        var key = ReferralStore.KeyOf(personId, referralId);
        var stored = (await Documents.ReadAsync<Referral>(key, Ct))!;
        await Documents.ReplaceAsync(key, stored.Value with { Person = stored.Value.Person with { Ward = freeText } }, stored.ETag, Ct);
        return (referralId, personId);
    }

    [Fact]
    public void The_shipped_list_is_richmond_upon_thames_and_passes_the_start_up_rules()
    {
        var wards = ShippedWards.List.All;

        wards.Count.ShouldBe(18);
        wards.Select(w => w.Name).ShouldContain("Teddington");
        wards.Select(w => w.Name).ShouldContain("South Richmond");
        wards.Select(w => w.Name).ShouldContain("Hampton");
        Iom.Domain.Wards.WardList.Problems(wards).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wards_name_is_stored_as_its_code_and_read_back_with_code_and_name()
    {
        var (byName, _) = await host.ReferAsync(ReferralIn(" kew "));
        var (byCode, _) = await host.ReferAsync(ReferralIn(Kew.Code, "Other", "2023/0583843L"));

        foreach (var id in new[] { byName, byCode })
        {
            var person = await PersonOfAsync(id);
            person.GetProperty("ward").GetString().ShouldBe(Kew.Code);
            person.GetProperty("wardName").GetString().ShouldBe("Kew");
        }
    }

    [Fact]
    public async Task An_unknown_ward_gets_400_problem_details_naming_person_ward_and_nothing_is_stored()
    {
        using var request = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
        request.Content = RunningLocalHost.Json(ReferralIn("Narnia").ToJsonString());

        using var response = await host.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(Ct);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["person.ward"]);
        body.ShouldNotContain("Narnia");
        var stored = 0;
        await foreach (var _ in Documents.ReadKindAsync<Referral>(Containers.People, Ct))
        {
            stored++;
        }

        stored.ShouldBe(0);
    }

    [Fact]
    public async Task The_coordinators_mapping_reports_in_a_dry_run_then_maps_audits_and_a_second_run_changes_nothing()
    {
        var (mapped, mappedPerson) = await StoredBeforeCodesAsync("  KEW ", "Quenby", "2012/0052494Q");
        var (unmapped, _) = await StoredBeforeCodesAsync("Richmond", "Other", "2023/0583843L");

        var dry = await SendAsync(HttpMethod.Post, "/api/wards/mapping?dryRun=true", Roles.Coordinator, HttpStatusCode.OK);
        dry.GetProperty("dryRun").GetBoolean().ShouldBeTrue();
        dry.GetProperty("mapped").GetInt32().ShouldBe(1);
        (await PersonOfAsync(mapped)).GetProperty("ward").GetString().ShouldBe("  KEW ");

        var run = await SendAsync(HttpMethod.Post, "/api/wards/mapping", Roles.Coordinator, HttpStatusCode.OK);
        run.GetProperty("mapped").GetInt32().ShouldBe(1);
        run.GetProperty("unmapped").EnumerateArray().Select(u => (u.GetProperty("value").GetString(), u.GetProperty("referrals").GetInt32()))
            .ShouldBe([("Richmond", 1)]);
        run.GetRawText().ShouldNotContain(mapped);
        run.GetRawText().ShouldNotContain(mappedPerson);
        var person = await PersonOfAsync(mapped);
        person.GetProperty("ward").GetString().ShouldBe(Kew.Code);
        person.GetProperty("wardName").GetString().ShouldBe("Kew");
        (await PersonOfAsync(unmapped)).GetProperty("ward").GetString().ShouldBe("Richmond");
        (await PersonOfAsync(unmapped)).TryGetProperty("wardName", out _).ShouldBeFalse();

        var log = await SendAsync(HttpMethod.Get, $"/api/audit?person={mappedPerson}&pageSize=200", Roles.Auditor, HttpStatusCode.OK, Auditor);
        var alteration = log.GetProperty("items").EnumerateArray()
            .Single(r => r.GetProperty("operation").GetString() == "alteration" && r.GetProperty("purpose").GetString() == MapStoredWards.Purpose);
        alteration.GetProperty("subject").GetString().ShouldBe($"referral/{mapped}");

        var second = await SendAsync(HttpMethod.Post, "/api/wards/mapping?dryRun=false", Roles.Coordinator, HttpStatusCode.OK);
        second.GetProperty("mapped").GetInt32().ShouldBe(0);
        second.GetProperty("alreadyCoded").GetInt32().ShouldBe(1);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("TRUE")]
    [InlineData("")]
    public async Task A_dry_run_flag_that_is_not_true_or_false_gets_400_naming_it(string flag)
    {
        var problem = await SendAsync(HttpMethod.Post, $"/api/wards/mapping?dryRun={flag}", Roles.Coordinator, HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["dryRun"]);
    }

    [Fact]
    public void The_openapi_description_says_what_a_ward_is_in_the_request_and_the_response()
    {
        var document = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(OpenApiDescription.ForApp().Json31))!;
        var schemas = document["components"]!["schemas"]!;

        schemas["SubmitReferralRequest"]!["properties"]!["person"]!["properties"]!["ward"]!["description"]!.GetValue<string>().ShouldContain("ONS ward code");
        var person = schemas["ReferralView"]!["properties"]!["person"]!["properties"]!;
        person["ward"]!["description"]!.GetValue<string>().ShouldContain("ONS code");
        person["wardName"]!["description"]!.GetValue<string>().ShouldContain("configured name");
        document["paths"]!["/api/wards/mapping"]!["post"]!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["dryRun"]);
    }
}
