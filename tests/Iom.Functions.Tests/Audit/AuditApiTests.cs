using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Ports.Documents;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Audit;

public sealed class AuditApiTests : IAsyncLifetime
{
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<JsonElement> Get(string path, string role, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, path, role, "council", "auditor@council.example"), Ct);
        response.StatusCode.ShouldBe(expected);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Submits a referral and reads it once as a co-ordinator; returns the person id.</summary>
    /// <summary>
    /// The records requests wrote, without the acknowledgement e-mails' disclosures: those are written by the queue
    /// function, as soon as the outbox relays the acknowledgement, so where they fall among the others is not fixed.
    /// </summary>
    private static List<JsonElement> ByRequests(JsonElement log) =>
        log.GetProperty("items").EnumerateArray()
            .Where(r => !r.GetProperty("subject").GetString()!.EndsWith("/acknowledgement", StringComparison.Ordinal)).ToList();

    private async Task<(string PersonId, string ReferralId)> ReferAndReadAsync()
    {
        var (referralId, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await Get($"/api/referrals/{referralId}", Roles.Coordinator);
        return (personId, referralId);
    }

    [Fact]
    public async Task An_auditor_reads_a_persons_audit_log_with_who_what_when_why_and_no_chain_verdict()
    {
        var (person, referral) = await ReferAndReadAsync();

        var log = await Get($"/api/audit?person={person}", Roles.Auditor);

        var records = ByRequests(log).Take(2).ToList();
        records.Select(r => r.GetProperty("operation").GetString()).ShouldBe(["collection", "consultation"]);
        records.ShouldAllBe(r => r.GetProperty("subject").GetString() == $"referral/{referral}");
        records[1].GetProperty("actor").GetProperty("agency").GetString().ShouldBe("council");
        records[1].GetProperty("purpose").GetString()!.ShouldNotBeNullOrWhiteSpace();
        // Verifying the chain reads all of it: GET /api/audit/verify?person= answers that, not a page of the log.
        log.TryGetProperty("chain", out _).ShouldBeFalse();
        log.TryGetProperty("next", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task The_audit_log_is_read_a_page_at_a_time_by_following_next_to_the_end()
    {
        var (person, _) = await ReferAndReadAsync();
        await host.AcknowledgedAsync(person);

        var sequences = new List<long>();
        var path = $"/api/audit?person={person}&pageSize=2";
        var pages = 0;
        while (path is not null)
        {
            var page = await Get(path, Roles.Auditor);
            page.GetProperty("items").GetArrayLength().ShouldBeLessThanOrEqualTo(2);
            sequences.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("sequence").GetInt64()));
            path = page.TryGetProperty("next", out var next) ? next.GetString() : null;
            pages++;
        }

        // Collection, consultation, the acknowledgement's disclosure and the first page's own consultation; the later
        // pages' own records come after where the reading stops.
        sequences.ShouldBe([1, 2, 3, 4]);
        pages.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_paging_input_or_a_time_window_is_refused_with_problem_details()
    {
        var (person, _) = await ReferAndReadAsync();
        var first = await Get($"/api/audit?person={person}&pageSize=1", Roles.Auditor);
        var next = first.GetProperty("next").GetString()!;

        var tampered = await Get(next.Replace("continuation=", "continuation=x", StringComparison.Ordinal), Roles.Auditor, HttpStatusCode.BadRequest);
        tampered.GetProperty("errors").GetProperty("continuation").GetArrayLength().ShouldBe(1);
        var otherEnd = System.Text.RegularExpressions.Regex.Replace(next, "through=[0-9]+", "through=1");
        (await Get(otherEnd, Roles.Auditor, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("continuation", out _).ShouldBeTrue();
        (await Get($"/api/audit?person={person}&pageSize=201", Roles.Auditor, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pageSize", out _).ShouldBeTrue();
        await Get($"/api/audit?person={person}&pageSize=0", Roles.Auditor, HttpStatusCode.BadRequest);
        await Get($"/api/audit?person={person}&through=0", Roles.Auditor, HttpStatusCode.BadRequest);
        (await Get($"/api/audit?person={person}&from=2026-12-01T00:00:00Z", Roles.Auditor, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("from", out _).ShouldBeTrue();
        await Get($"/api/audit?person={person}&to=2027-01-01", Roles.Auditor, HttpStatusCode.BadRequest);
        await Get("/api/audit?person=../../etc", Roles.Auditor, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Referrer)]
    [InlineData(Roles.Analyst)]
    public async Task Only_auditors_read_the_audit_log_or_export_a_person(string role)
    {
        var (person, _) = await ReferAndReadAsync();

        await Get($"/api/audit?person={person}", role, HttpStatusCode.Forbidden);
        await Get($"/api/people/{person}/export", role, HttpStatusCode.Forbidden);
        await Get("/api/audit/verify", role, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Tampering_with_a_stored_audit_record_is_reported_by_the_verification()
    {
        var (person, _) = await ReferAndReadAsync();
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var key = new DocumentKey(Containers.People, person, AuditRecord.IdOf(1));
        var original = await documents.ReadAsync<AuditRecord>(key, Ct);
        await documents.UpsertAsync(key, original!.Value with { Purpose = "nothing to see here" }, Ct);

        var verification = await Get($"/api/audit/verify?person={person}", Roles.Auditor);

        verification.GetProperty("intact").GetBoolean().ShouldBeFalse();
        verification.GetProperty("firstBrokenSequence").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Without_a_person_the_verification_checks_every_chain_and_names_the_broken_ones()
    {
        var (tampered, _) = await ReferAndReadAsync();
        var (_, intact) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        await host.AcknowledgedAsync(tampered);
        await host.AcknowledgedAsync(intact);

        var before = await Get("/api/audit/verify", Roles.Auditor);

        before.GetProperty("intact").GetBoolean().ShouldBeTrue();
        // Two people's chains, and the operations chain holding this verification's own record.
        before.GetProperty("chainsChecked").GetInt32().ShouldBe(3);
        // Collection, consultation and the acknowledgement e-mail's disclosure; collection and disclosure; this verification.
        before.GetProperty("recordsChecked").GetInt64().ShouldBe(6);
        before.GetProperty("broken").GetArrayLength().ShouldBe(0);

        var documents = host.Services.GetRequiredService<IDocumentStore>();
        await documents.DeleteAsync(new DocumentKey(Containers.People, tampered, AuditRecord.IdOf(3)), null, Ct);

        var after = await Get("/api/audit/verify", Roles.Auditor);

        after.GetProperty("intact").GetBoolean().ShouldBeFalse();
        after.GetProperty("chainsChecked").GetInt32().ShouldBe(3);
        var broken = after.GetProperty("broken").EnumerateArray().ShouldHaveSingleItem();
        broken.GetProperty("personId").GetString().ShouldBe(tampered);
        broken.GetProperty("problem").GetString()!.ShouldContain("removed from the end");
        (await Get($"/api/audit/verify?person={intact}", Roles.Auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_person_given_but_empty_or_malformed_is_refused_rather_than_taken_for_every_chain()
    {
        await Get("/api/audit/verify?person=", Roles.Auditor, HttpStatusCode.BadRequest);
        await Get("/api/audit/verify?person=../../etc", Roles.Auditor, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_export_holds_everything_about_the_person_and_is_itself_audited_as_a_disclosure_to_the_auditor()
    {
        var (person, referral) = await ReferAndReadAsync();

        var export = await Get($"/api/people/{person}/export", Roles.Auditor);

        export.GetProperty("referrals")[0].GetProperty("id").GetString().ShouldBe(referral);
        export.GetProperty("referrals")[0].GetProperty("person").GetProperty("familyName").GetString().ShouldBe("Quenby");
        export.GetProperty("listings").GetArrayLength().ShouldBe(1);
        export.GetProperty("identityIndex").EnumerateArray().Select(c => c.GetProperty("key").GetString())
              .ShouldBe(["pnc:2012/0052494Q", "name-dob:QUENBY|DARREN|1994-03-02"], ignoreOrder: true);
        var disclosure = export.GetProperty("auditLog").EnumerateArray().Last();
        disclosure.GetProperty("operation").GetString().ShouldBe("disclosure");
        disclosure.GetProperty("recipients")[0].GetString().ShouldBe("auditor@council.example");
        (await Get($"/api/audit/verify?person={person}", Roles.Auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Each_of_the_six_audited_operations_writes_its_record_into_one_intact_chain()
    {
        var (person, first) = await ReferAndReadAsync(); // collection, consultation
        var withdraw = RunningLocalHost.Request(HttpMethod.Post, $"/api/referrals/{first}/withdraw", Roles.Referrer);
        withdraw.Content = RunningLocalHost.Json("""{"reason":"referred-in-error"}""");
        (await host.Client.SendAsync(withdraw, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // alteration
        var again = RunningLocalHost.Request(HttpMethod.Post, "/api/referrals", Roles.Referrer);
        again.Content = RunningLocalHost.Json(ReferralApiTests.ValidReferral().ToJsonString());
        (await host.Client.SendAsync(again, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created); // collection + combination
        await Get($"/api/people/{person}/export", Roles.Auditor); // disclosure
        var retention = host.Services.GetRequiredService<Iom.Application.Retention.ApplyRetention>();
        await retention.HandleAsync(DateTimeOffset.UtcNow.AddYears(2), "retention", Ct); // erasure of the withdrawn one

        var log = await Get($"/api/audit?person={person}", Roles.Auditor);

        ByRequests(log).Select(r => r.GetProperty("operation").GetString()).ShouldBe(
            ["collection", "consultation", "alteration", "collection", "combination", "disclosure", "erasure", "consultation"]);
        (await Get($"/api/audit/verify?person={person}", Roles.Auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_auditor_reading_or_verifying_a_persons_log_is_recorded_in_that_log_as_a_consultation_by_the_auditor_with_the_purpose()
    {
        var (person, _) = await ReferAndReadAsync();

        await Get($"/api/audit/verify?person={person}", Roles.Auditor);
        var log = await Get($"/api/audit?person={person}", Roles.Auditor);

        // The acknowledgement's disclosure is dispatched from the outbox and may land before or after the referrer's
        // read, so the auditor's own records are picked by subject rather than by position.
        var own = log.GetProperty("items").EnumerateArray()
                     .Where(r => r.GetProperty("subject").GetString()!.StartsWith("audit/", StringComparison.Ordinal)).ToList();
        own.Select(r => (r.GetProperty("operation").GetString(), r.GetProperty("subject").GetString())).ShouldBe(
            [("consultation", $"audit/{person}/verify"), ("consultation", $"audit/{person}")]);
        own.ShouldAllBe(r => r.GetProperty("actor").GetProperty("roles")[0].GetString() == Roles.Auditor
                             && r.GetProperty("actor").GetProperty("agency").GetString() == "council");
        own[0].GetProperty("purpose").GetString().ShouldBe("Data protection: verifying the audit log");
        own[1].GetProperty("purpose").GetString().ShouldBe("Data protection: reading the audit log");
        (await Get($"/api/audit/verify?person={person}", Roles.Auditor)).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Verifying_every_chain_is_recorded_in_the_operations_chain_with_the_auditor_who_asked()
    {
        await ReferAndReadAsync();

        await Get("/api/audit/verify", Roles.Auditor);

        var record = (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(AuditTrail.OperationsChain, Ct)).ShouldHaveSingleItem();
        (record.Operation, record.Subject, record.Actor.Agency, record.Purpose).ShouldBe(
            (AuditOperation.Consultation, "audit/verify", "council", "Data protection: verifying the audit log"));
        record.Actor.Roles.ShouldBe([Roles.Auditor]);
    }

    [Fact]
    public async Task Looking_up_the_log_of_a_person_nobody_holds_anything_about_begins_no_chain()
    {
        var nobody = new string('b', 32);

        (await Get($"/api/audit?person={nobody}", Roles.Auditor)).GetProperty("items").GetArrayLength().ShouldBe(0);

        (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(nobody, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Exporting_a_person_nobody_holds_anything_about_gets_404()
    {
        await Get($"/api/people/{new string('a', 32)}/export", Roles.Auditor, HttpStatusCode.NotFound);
    }
}
