using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Identity;
using Iom.Domain.Vocabularies;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Tests.LocalHost;

namespace Iom.Functions.Tests.Referrals;

/// <summary>
/// <c>GET /api/wards</c> through the local host: the configured list (the shipped wards.json, plus a retired ward set
/// the way a partnership would, by configuration), cacheable by ETag; and a retired ward refused on a new referral.
/// </summary>
public sealed class WardListApiTests : IAsyncLifetime
{
    private static readonly string RetiredIndex = ShippedWards.List.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs:
    [
        "--RateLimits:PermitsPerMinute=1000",
        // A ward abolished by a boundary review, appended after the shipped list (a code of the right shape, the test's own).
        $"--Wards:{RetiredIndex}:Code=E05999990", $"--Wards:{RetiredIndex}:Name=Old <Deer> & \"Park\"", $"--Wards:{RetiredIndex}:Retired=true",
    ]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string role, string? ifNoneMatch = null)
    {
        using var request = RunningLocalHost.Request(HttpMethod.Get, "/api/wards", role);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }

        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_list_is_every_configured_ward_in_order_with_the_retired_one_marked()
    {
        using var response = await GetAsync(Roles.Referrer);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var wards = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["wards"]!.AsArray();
        wards.Count.ShouldBe(ShippedWards.List.All.Count + 1);
        wards.Take(ShippedWards.List.All.Count).Select(w => (w!["code"]!.GetValue<string>(), w["name"]!.GetValue<string>(), w["retired"]!.GetValue<bool>()))
            .ShouldBe(ShippedWards.List.All.Select(w => (w.Code, w.Name, false)));
        var retired = wards[^1]!;
        retired["code"]!.GetValue<string>().ShouldBe("E05999990");
        // JSON-encoded like every answer: the name's markup travels as data.
        retired["name"]!.GetValue<string>().ShouldBe("Old <Deer> & \"Park\"");
        retired["retired"]!.GetValue<bool>().ShouldBeTrue();
        retired.AsObject().Select(p => p.Key).ShouldBe(["code", "name", "retired"]);
    }

    [Fact]
    public async Task The_answer_carries_an_etag_that_the_same_list_keeps_and_a_current_copy_is_answered_304_without_a_body()
    {
        using var first = await GetAsync(Roles.Analyst);
        using var second = await GetAsync(Roles.Councillor);
        var etag = first.Headers.ETag!.Tag;

        second.Headers.ETag!.Tag.ShouldBe(etag);
        first.Headers.ETag.IsWeak.ShouldBeFalse();
        first.Headers.CacheControl!.Private.ShouldBeTrue();
        first.Headers.CacheControl.Public.ShouldBeFalse();
        first.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        using var current = await GetAsync(Roles.Coordinator, etag);
        current.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await current.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
        current.Headers.ETag!.Tag.ShouldBe(etag);

        using var weak = await GetAsync(Roles.PanelMember, "W/" + etag);
        weak.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using var stale = await GetAsync(Roles.Referrer, "\"0123456789abcdef\"");
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stale.Content.ReadAsStringAsync(Ct)).ShouldContain("\"wards\"");
    }

    [Fact]
    public void The_etag_follows_the_content_so_a_changed_list_is_fetched_again()
    {
        var shipped = new CacheableJsonResult(Iom.Application.Wards.List.WardListView.Of(ShippedWards.List));
        var renamed = new CacheableJsonResult(Iom.Application.Wards.List.WardListView.Of(new Iom.Domain.Wards.WardList(
            [.. ShippedWards.List.All.Select((w, i) => i == 0 ? w with { Name = w.Name + " Village" } : w)])));

        shipped.ETag.ShouldNotBe(renamed.ETag);
        new CacheableJsonResult(Iom.Application.Wards.List.WardListView.Of(ShippedWards.List)).ETag.ShouldBe(shipped.ETag);
    }

    [Fact]
    public async Task A_retired_ward_is_refused_on_a_new_referral_naming_the_field_while_a_current_one_is_stored_as_its_code()
    {
        var retired = ReferralApiTests.ValidReferral(family: "Oldward", pnc: "2012/0052494Q");
        retired["person"]!["ward"] = "E05999990";
        using var refusal = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
        refusal.Content = RunningLocalHost.Json(retired.ToJsonString());
        using var refused = await host.Client.SendAsync(refusal, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync(Ct))!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["person.ward"]);

        var current = ReferralApiTests.ValidReferral(family: "Newward", pnc: "2012/0052494Q");
        current["person"]!["ward"] = ShippedWards.List.Current[0].Name.ToUpperInvariant();
        current["person"]!["gender"] = "Not stated";
        current["person"]!["ethnicity"] = "white: irish";
        var (referralId, _) = await host.ReferAsync(current);
        using var read = RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{referralId}", Roles.Coordinator);
        using var answer = await host.Client.SendAsync(read, Ct);
        var person = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["person"]!;
        person["ward"]!.GetValue<string>().ShouldBe(ShippedWards.List.Current[0].Code);
        person["gender"]!.GetValue<string>().ShouldBe("not-stated");
        person["ethnicity"]!.GetValue<string>().ShouldBe("W2");
    }

    [Fact]
    public void The_openapi_description_lists_the_endpoint_its_304_and_the_coded_person_fields()
    {
        var document = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(OpenApiDescription.ForApp().Json31))!;

        var get = document["paths"]!["/api/wards"]!["get"]!;
        get["responses"]!.AsObject().Select(r => r.Key).ShouldContain("200");
        get["responses"]!.AsObject().Select(r => r.Key).ShouldContain("304");
        var person = document["components"]!["schemas"]!["SubmitReferralRequest"]!["properties"]!["person"]!["properties"]!;
        foreach (var code in PersonVocabularies.Ethnicity.Codes)
        {
            person["ethnicity"]!["description"]!.GetValue<string>().ShouldContain(code);
        }

        foreach (var code in PersonVocabularies.Gender.Codes)
        {
            person["gender"]!["description"]!.GetValue<string>().ShouldContain(code);
        }
    }
}
