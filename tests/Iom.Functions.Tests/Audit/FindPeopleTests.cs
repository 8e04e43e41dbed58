using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Audit;

/// <summary>A subject-access request starts from what the requester knows: GET /api/people finds the person ids held.</summary>
public sealed class FindPeopleTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> Find(string query, string role = Roles.Auditor) =>
        await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, $"/api/people?{query}", role, "council", "auditor@council.example"), Ct);

    private static async Task<string[]> PersonIds(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("personIds").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }

    [Fact]
    public async Task An_auditor_finds_a_person_by_pnc_in_any_accepted_form_by_prison_number_and_by_referral_reference()
    {
        var referral = ReferralApiTests.ValidReferral(pnc: "2012/0052494Q");
        referral["person"]!["prisonNumber"] = "A1234BC";
        var (referralId, personId) = await host.ReferAsync(referral);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var reference = (await documents.ReadAsync<Referral>(ReferralStore.KeyOf(personId, referralId), Ct))!.Value.Reference;

        (await PersonIds(await Find("pnc=12/52494Q"))).ShouldBe([personId]);
        (await PersonIds(await Find("noms=a1234bc"))).ShouldBe([personId]);
        (await PersonIds(await Find($"reference={reference.ToLowerInvariant()}"))).ShouldBe([personId]);
        (await PersonIds(await Find($"pnc=2012/0052494Q&reference={reference}"))).ShouldBe([personId]);
    }

    [Fact]
    public async Task Each_look_up_is_a_consultation_in_the_found_persons_audit_log_with_its_purpose()
    {
        var (_, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());

        await PersonIds(await Find("pnc=2012/0052494Q"));

        var log = await host.Services.GetRequiredService<AuditTrail>().ReadAsync(personId, Ct);
        var lookup = log.Single(r => r.Subject == "people-lookup");
        lookup.Operation.ShouldBe(AuditOperation.Consultation);
        lookup.Purpose.ShouldBe(Iom.Application.People.FindPeople.Purpose);
        lookup.Actor.Roles.ShouldBe([Roles.Auditor]);
    }

    [Fact]
    public async Task Nobody_held_under_the_identifier_is_an_empty_list_not_an_error()
    {
        await host.ReferAsync(ReferralApiTests.ValidReferral());

        (await PersonIds(await Find("crn=X123456"))).ShouldBeEmpty();
        (await PersonIds(await Find("reference=IOM-261214-ZZZZ"))).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "pnc")]
    [InlineData("pnc=2012/0052494X", "pnc")]
    [InlineData("cro=not-a-cro", "cro")]
    [InlineData("noms=1234", "noms")]
    [InlineData("crn=X12", "crn")]
    [InlineData("reference=IOM-1-2", "reference")]
    public async Task A_missing_or_malformed_identifier_is_a_400_naming_the_field(string query, string field)
    {
        var response = await Find(query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Referrer)]
    public async Task Only_auditors_may_search_for_people(string role) =>
        (await Find("pnc=2012/0052494Q", role)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
}
