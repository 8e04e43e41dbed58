using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// Release alerts through the local host: an alert due (as the custody record queues it) becomes one e-mail per
/// recipient with no personal data, each audited as a disclosure, and the integration event; recipients acknowledge;
/// an unacknowledged lead professional is escalated to the co-ordinator once. The person is known from a real
/// referral (police, referrer sam.patel@met.example.gov.uk); the membership is written as finalised minutes write it.
/// </summary>
public sealed class ReleaseAlertApiTests : IAsyncLifetime
{
    public const string LeadEmail = "alex.morgan@probation.example.gov.uk";
    public const string ReferrerEmail = "sam.patel@met.example.gov.uk";
    public const string CoordinatorEmail = "iom.coordinator@richmond-iom.example";

    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    internal static string NewAlertId() => "alert-release-" + Guid.NewGuid().ToString("N");

    /// <summary>A referred person in the cohort with <paramref name="leadEmail"/> as their lead professional (probation).</summary>
    internal static async Task<string> PersonInCohortAsync(RunningLocalHost host, string leadEmail = LeadEmail)
    {
        var (_, personId) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        await InCohortAsync(host, personId, leadEmail);
        await host.AcknowledgedAsync(personId);
        return personId;
    }

    /// <summary>Puts the person in the IOM cohort with <paramref name="leadEmail"/> (and its demo object id) as lead professional.</summary>
    internal static Task InCohortAsync(RunningLocalHost host, string personId, string leadEmail) =>
        host.Services.GetRequiredService<IDocumentStore>().CreateAsync(CohortDocuments.MembershipOf(personId), new CohortMembership(personId,
        [
            new CohortPeriod(new DateOnly(2026, 11, 10), null, PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                new LeadProfessional("Alex Morgan", "probation", leadEmail, DemoPeople.ObjectIdOf(leadEmail)), "iom-2026-11-10"),
        ]), TestContext.Current.CancellationToken);

    internal static string Due(string alertId, string personId, ReleaseAlertKind kind = ReleaseAlertKind.Released) => JsonSerializer.Serialize(
        new ReleaseAlertDue(alertId, personId, "release-" + Guid.NewGuid().ToString("N"), kind, new DateOnly(2026, 12, 14),
            DateTimeOffset.Parse("2026-12-14T08:30:00Z", CultureInfo.InvariantCulture), kind == ReleaseAlertKind.ExpectedRelease ? 14 : null) { CorrelationId = "corr-" + alertId },
        DocumentJson.Options);

    /// <summary>Raises the alert as the queue function does, here and now.</summary>
    internal static Task RaiseAsync(RunningLocalHost host, string alertId, string personId, ReleaseAlertKind kind = ReleaseAlertKind.Released) =>
        host.Services.GetRequiredService<RaiseReleaseAlert>().HandleAsync(Due(alertId, personId, kind), TestContext.Current.CancellationToken);

    private List<MimeKit.MimeMessage> AlertMails(string alertId) =>
        [.. Outbox.Messages(host).Where(m => (m.Subject ?? "").Contains(ReleaseAlertDocuments.ReferenceOf(alertId), StringComparison.Ordinal))];

    private async Task<HttpResponseMessage> Call(HttpMethod method, string path, string role, string email, string? agency = "probation")
    {
        using var request = RunningLocalHost.Request(method, path, role, agency, email);
        return await host.Client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task An_alert_due_ten_times_at_once_emails_each_recipient_once_without_personal_data_audits_each_and_publishes_its_event()
    {
        var personId = await PersonInCohortAsync(host);
        var alertId = NewAlertId();
        var queue = host.Services.GetRequiredService<IQueueSender>();
        var message = Due(alertId, personId);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => queue.SendAsync(ReleaseQueues.Alerts, message, null, Ct)));

        var mails = await Eventually.Async(() => Task.FromResult(AlertMails(alertId) is { Count: >= 3 } found ? found : null));
        mails.Select(m => m.To.ToString()).ShouldBe([LeadEmail, ReferrerEmail, CoordinatorEmail], ignoreOrder: true);
        foreach (var mail in mails)
        {
            var text = mail.TextBody + mail.HtmlBody + mail.Subject;
            text.ShouldContain("has been released from prison");
            text.ShouldContain("/api/links?token=");
            foreach (var personal in new[] { "Darren", "Quenby", "0052494", "A8513EA" })
            {
                text.ShouldNotContain(personal, Case.Insensitive);
            }
        }

        mails.Single(m => m.To.ToString() == LeadEmail).TextBody!.ShouldContain("please acknowledge it by Tuesday 15 December 2026 at 09:");
        var disclosures = await Eventually.Async(async () =>
            (await host.Services.GetRequiredService<AuditTrail>().ReadAsync(personId, Ct)).Where(r => r.DisclosureId?.StartsWith($"release-alert:{alertId}:", StringComparison.Ordinal) == true).ToList() is { Count: 3 } d ? d : null);
        disclosures.ShouldAllBe(r => r.Operation == AuditOperation.Disclosure && r.CorrelationId == "corr-" + alertId && r.Recipients!.Count == 1);
        var published = await Eventually.Async(() => Task.FromResult(Directory.Exists(Path.Combine(host.DataDirectory, "events"))
            ? Directory.EnumerateFiles(Path.Combine(host.DataDirectory, "events")).Select(File.ReadAllText).FirstOrDefault(e => e.Contains(alertId, StringComparison.Ordinal))
            : null));
        using var json = JsonDocument.Parse(published);
        json.RootElement.GetProperty("eventType").GetString().ShouldBe(ReleaseAlertEvents.Raised);
        json.RootElement.GetProperty("personReference").GetProperty("identifiers")[0].GetProperty("value").GetString().ShouldBe(personId);
        json.RootElement.GetProperty("additionalInformation").GetProperty("kind").GetString().ShouldBe("released");
        published.ShouldNotContain("Darren");

        // One more delivery once everything was relayed: it finds the alert and commits nothing.
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        Task<int> Pending() => documents.ReadPartitionAsync<OutboxEntry>(Containers.People, personId, Ct)
            .Where(e => e.Value.Id.Contains(alertId, StringComparison.Ordinal)).CountAsync(Ct).AsTask();
        await Eventually.Async(async () => await Pending() == 0 ? "relayed" : null);
        await RaiseAsync(host, alertId, personId);
        (await Pending()).ShouldBe(0);
        AlertMails(alertId).Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_transfer_tells_the_lead_professional_only_and_is_never_escalated()
    {
        var personId = await PersonInCohortAsync(host);
        var alertId = NewAlertId();

        await RaiseAsync(host, alertId, personId, ReleaseAlertKind.Transferred);

        var alert = (await host.Services.GetRequiredService<IDocumentStore>().ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(personId, alertId), Ct))!.Value;
        alert.Recipients.ShouldHaveSingleItem().Email.ShouldBe(LeadEmail);
        alert.LeadAcknowledgementDue.ShouldBeNull();
        (await Outbox.WaitForAsync(host, LeadEmail, ReleaseAlertDocuments.ReferenceOf(alertId))).ShouldContain("transferred to another prison");
    }

    [Fact]
    public async Task A_recipient_acknowledges_once_a_repeat_is_the_same_answer_and_the_acknowledgement_is_audited()
    {
        var personId = await PersonInCohortAsync(host);
        var alertId = NewAlertId();
        await RaiseAsync(host, alertId, personId);

        var first = await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.PanelMember, LeadEmail);
        var again = await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.PanelMember, LeadEmail);
        var police = await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.Referrer, "pc.jones@met.example.gov.uk", agency: "police");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        view.GetProperty("acknowledgedByYou").GetBoolean().ShouldBeTrue();
        view.GetProperty("kind").GetString().ShouldBe("released");
        var lead = view.GetProperty("recipients").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "lead-professional");
        var acknowledgedAt = lead.GetProperty("acknowledgedAt").GetString();
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("recipients").EnumerateArray()
            .Single(r => r.GetProperty("role").GetString() == "lead-professional").GetProperty("acknowledgedAt").GetString().ShouldBe(acknowledgedAt);
        police.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await police.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("recipients").EnumerateArray()
            .Where(r => r.GetProperty("acknowledged").GetBoolean()).Select(r => r.GetProperty("key").GetString()).ShouldBe(["lead-professional", "agency-police"], ignoreOrder: true);
        var records = await host.Services.GetRequiredService<AuditTrail>().ReadAsync(personId, Ct);
        records.Count(r => r.Subject == $"release-alert/{alertId}/acknowledge" && r.Operation == AuditOperation.Alteration).ShouldBe(2);
    }

    [Fact]
    public async Task Who_is_not_a_recipient_is_told_it_does_not_exist_and_a_coordinator_who_is_not_one_is_refused_by_name()
    {
        var personId = await PersonInCohortAsync(host);
        var alertId = NewAlertId();
        await RaiseAsync(host, alertId, personId);

        (await Call(HttpMethod.Get, $"/api/release-alerts/{alertId}", Roles.Referrer, "someone@yot.example.gov.uk", agency: "yot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.Referrer, "someone@yot.example.gov.uk", agency: "yot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.PanelMember, "sgt.snt@richmond-iom.example", agency: "yot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Call(HttpMethod.Post, "/api/release-alerts/alert-release-0123456789abcdef0123456789abcdef/acknowledge", Roles.PanelMember, LeadEmail)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Call(HttpMethod.Get, $"/api/release-alerts/{alertId}", Roles.Coordinator, "another.coordinator@richmond-iom.example", agency: "council")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await Call(HttpMethod.Post, $"/api/release-alerts/{alertId}/acknowledge", Roles.Coordinator, "another.coordinator@richmond-iom.example", agency: "council");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("type").GetString().ShouldBe("urn:iom:problem:not-a-recipient");
    }

    [Fact]
    public async Task An_unacknowledged_lead_professional_is_escalated_to_the_coordinator_once_and_one_who_acknowledged_in_time_is_not()
    {
        var personId = await PersonInCohortAsync(host);
        var late = NewAlertId();
        var prompt = NewAlertId();
        await RaiseAsync(host, late, personId);
        await RaiseAsync(host, prompt, personId);
        (await Call(HttpMethod.Post, $"/api/release-alerts/{prompt}/acknowledge", Roles.PanelMember, LeadEmail)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        await Eventually.Async(async () => await documents.ReadAsync<ReleaseAlertEscalationDue>(ReleaseAlertDocuments.EscalationKeyOf(late), Ct) is { } a
            && await documents.ReadAsync<ReleaseAlertEscalationDue>(ReleaseAlertDocuments.EscalationKeyOf(prompt), Ct) is not null ? a : null);

        (await Escalation(TimeSpan.FromHours(23)).HandleAsync(Ct)).ShouldBe(0);
        (await Escalation(TimeSpan.FromDays(1)).HandleAsync(Ct)).ShouldBe(1);
        (await Escalation(TimeSpan.FromDays(2)).HandleAsync(Ct)).ShouldBe(0);

        var mail = await Outbox.WaitForAsync(host, CoordinatorEmail, "not acknowledged by the lead professional");
        mail.ShouldContain(ReleaseAlertDocuments.ReferenceOf(late));
        mail.ShouldNotContain("Darren");
        (await documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(personId, late), Ct))!.Value.EscalatedAt.ShouldNotBeNull();
        (await documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(personId, prompt), Ct))!.Value.EscalatedAt.ShouldBeNull();
        (await documents.ReadAsync<ReleaseAlertEscalationDue>(ReleaseAlertDocuments.EscalationKeyOf(late), Ct)).ShouldBeNull();
        (await documents.ReadAsync<ReleaseAlertEscalationDue>(ReleaseAlertDocuments.EscalationKeyOf(prompt), Ct)).ShouldBeNull();
        Outbox.Messages(host).Count(m => (m.Subject ?? "").Contains("not acknowledged", StringComparison.Ordinal)).ShouldBe(1);
    }

    /// <summary>The escalation timer's handler, run as if <paramref name="ahead"/> later than the host's clock.</summary>
    private EscalateReleaseAlerts Escalation(TimeSpan ahead)
    {
        var services = host.Services;
        return new EscalateReleaseAlerts(services.GetRequiredService<IDocumentStore>(), services.GetRequiredService<OutboxRelay>(),
            services.GetRequiredService<Iom.Application.Panels.PanelDirectory>(), services.GetRequiredService<Iom.Application.Panels.Circulations.CirculationLinks>(),
            new Later(services.GetRequiredService<TimeProvider>(), ahead), Microsoft.Extensions.Logging.Abstractions.NullLogger<EscalateReleaseAlerts>.Instance);
    }

    private sealed class Later(TimeProvider inner, TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + ahead;
    }
}
