using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// The prosecutor's look-up through the local host. The membership is written directly, as finalising minutes will
/// write it (built elsewhere at the same time); the person is known from a real referral with a PNC id.
/// </summary>
public sealed class CohortLookupApiTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<HttpResponseMessage> Ask(string query, string role = Roles.Prosecutor)
    {
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/cohort/lookup?" + query, role, agency: "cps");
        request.Headers.Add("X-IOM-Purpose", "Charging advice");
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task The_answer_comes_from_the_membership_of_the_day_asked_and_every_call_is_audited_with_its_purpose()
    {
        var (_, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await host.Services.GetRequiredService<IDocumentStore>().CreateAsync(CohortDocuments.MembershipOf(personId), new CohortMembership(personId,
        [
            new CohortPeriod(new DateOnly(2026, 11, 10), new DateOnly(2027, 1, 12), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                new LeadProfessional("Alex Morgan", "Probation", "alex.morgan@justice.gov.uk", null), "iom-2026-11-10", "iom-2027-01-12", "progress"),
        ]), Ct);
        await host.AcknowledgedAsync(personId);

        var today = await Ask("pnc=12/52494Q");
        var after = await Ask("pnc=2012/0052494Q&on=2027-01-13");

        today.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await today.Content.ReadAsStringAsync(Ct)).ShouldBe(
            """{"inCohort":true,"category":"ppo","cohortType":"fixed","leadAgency":"Probation","contact":{"agency":"Probation","email":"alex.morgan@justice.gov.uk"}}""");
        (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("inCohort").GetBoolean().ShouldBeFalse();
        var lookups = (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(personId, Ct)).Where(r => r.Subject == "cohort-lookup").ToList();
        lookups.Count.ShouldBe(2);
        lookups.ShouldAllBe(r => r.Operation == AuditOperation.Consultation && r.StatedPurpose == "Charging advice" && r.Actor.Roles.Contains(Roles.Prosecutor));
    }

    [Fact]
    public async Task An_unknown_person_and_a_person_not_in_the_cohort_get_the_same_answer()
    {
        await host.ReferAsync(ReferralApiTests.ValidReferral());

        var unknown = await (await Ask("noms=A1234BC")).Content.ReadAsStringAsync(Ct);
        var known = await (await Ask("pnc=2012/0052494Q")).Content.ReadAsStringAsync(Ct);

        unknown.ShouldBe(known);
        (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldContain(r => r.Subject == "cohort-lookup/no-match");
    }

    [Theory]
    [InlineData("pnc=2012/0052494X", "pnc")]
    [InlineData("noms=A12", "noms")]
    [InlineData("cro=nonsense", "cro")]
    [InlineData("pnc=2012/0052494Q&noms=A1234BC", "noms")]
    [InlineData("", "pnc")]
    [InlineData("pnc=2012/0052494Q&on=14/12/2026", "on")]
    public async Task A_malformed_identifier_is_a_400_naming_it(string query, string field)
    {
        var response = await Ask(query);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Referrer)]
    public async Task Other_roles_are_refused_with_403(string role)
    {
        (await Ask("pnc=2012/0052494Q", role)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
