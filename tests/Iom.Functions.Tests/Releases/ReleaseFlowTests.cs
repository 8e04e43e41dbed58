using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Releases;
using Iom.Functions.Releases;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// The whole release flow on the local host, from a signed door to the mail port: intake → matching → custody record →
/// alert → e-mails. The people are known from real referrals (prison numbers on them) and put in the cohort as
/// finalised minutes put them; everything after that runs through the app's own queues, outbox and timers.
/// </summary>
public sealed class ReleaseFlowTests : IAsyncLifetime
{
    private readonly ReleaseSigner prison = new("flow-swi-1");
    private readonly ReleaseSigner relay = new("flow-relay-1");
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync(extraArgs:
        ["--Clock:StartAt=2026-12-14T09:00:00Z", .. prison.PrisonSettings("SWI"), .. relay.RelaySettings()]);

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private DateTimeOffset Now => host.Services.GetRequiredService<TimeProvider>().GetUtcNow();

    private IDocumentStore Documents => host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>A referred person with <paramref name="prisonNumber"/>, in the IOM cohort with a probation lead professional.</summary>
    private async Task<string> PersonInCohortAsync(string given, string family, string prisonNumber, string? pnc)
    {
        var referral = ReferralApiTests.ValidReferral(given, family, "1990-05-17", pnc);
        referral["person"]!["prisonNumber"] = prisonNumber;
        var (_, personId) = await host.ReferAsync(referral);
        await ReleaseAlertApiTests.InCohortAsync(host, personId, ReleaseAlertApiTests.LeadEmail);
        await host.AcknowledgedAsync(personId);
        return personId;
    }

    /// <summary>HMPPS's published example (../shared/data/prisoner-released.example.json), dated this morning.</summary>
    private static string NationalExample(string occurredAt) => new JsonObject
    {
        ["additionalInformation"] = new JsonObject
        {
            ["currentLocation"] = "OUTSIDE_PRISON",
            ["currentPrisonStatus"] = "NOT_UNDER_PRISON_CARE",
            ["details"] = "Movement reason code CR",
            ["nomisMovementReasonCode"] = "CR",
            ["nomsNumber"] = "A8513EA",
            ["prisonId"] = "SWI",
            ["reason"] = "RELEASED",
        },
        ["description"] = "A prisoner has been released from prison",
        ["eventType"] = "prison-offender-events.prisoner.released",
        ["occurredAt"] = occurredAt,
        ["personReference"] = new JsonObject { ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "NOMS", ["value"] = "A8513EA" }) },
        ["publishedAt"] = occurredAt,
        ["version"] = 1,
    }.ToJsonString();

    /// <summary>The same release as a prison's system reports it on the JSON door.</summary>
    private static byte[] JsonNotification(string eventId, string prisonNumber, string occurredAt) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["eventId"] = eventId,
        ["prisonCode"] = "SWI",
        ["prisonNumber"] = prisonNumber,
        ["givenName"] = "Jordan",
        ["familyName"] = "Ashby",
        ["dateOfBirth"] = "1990-05-17",
        ["reason"] = "RELEASED",
        ["releaseDate"] = "2026-12-14",
        ["occurredAt"] = occurredAt,
    }.ToJsonString());

    private static async Task<string> IdOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["id"]!.GetValue<string>();

    private List<MimeKit.MimeMessage> AlertMails(string alertId) =>
        [.. Outbox.Messages(host).Where(m => (m.Subject ?? "").Contains(ReleaseAlertDocuments.ReferenceOf(alertId), StringComparison.Ordinal))];

    /// <summary>The alert's three e-mails (lead professional, referrer, co-ordinator), once every one has arrived.</summary>
    private async Task<List<MimeKit.MimeMessage>> ThreeMailsAsync(string alertId) =>
        await Eventually.Async(() => Task.FromResult(AlertMails(alertId) is { Count: >= 3 } found ? found : null));

    private async Task<ReleaseAlert> AlertAsync(string alertId) =>
        (await Eventually.Async(async () => await Documents.FindAlertAsync(alertId, Ct))).Value;

    /// <summary>Nothing left to relay in the person's partition or the notification's: every side effect has gone out.</summary>
    private async Task DrainedAsync(string personId, string notificationId)
    {
        async Task<int> Pending() =>
            await Documents.ReadPartitionAsync<OutboxEntry>(Containers.People, personId, Ct).CountAsync(Ct)
            + await Documents.ReadPartitionAsync<OutboxEntry>(Containers.Identities, notificationId, Ct).CountAsync(Ct);
        await Eventually.Async(async () => await Pending() == 0 ? "drained" : null);
    }

    [Fact]
    public async Task The_same_signed_notification_posted_ten_times_at_once_raises_one_alert_and_one_email_per_recipient()
    {
        var personId = await PersonInCohortAsync("Jordan", "Ashby", "B1234CD", pnc: null);
        var body = JsonNotification("swi-flow-1", "B1234CD", "2026-12-14T08:30:00Z");
        var at = Now;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => host.Client.SendAsync(prison.Post("/api/" + PrisonReleaseFunctions.Route, body, at), Ct)));
        // The prison's retry, signed afresh, a minute later: the same event, so the same id and no new work.
        using var retry = await host.Client.SendAsync(prison.Post("/api/" + PrisonReleaseFunctions.Route, body, at.AddMinutes(1)), Ct);

        // One copy of the signature is accepted; the other nine are replays of it (401), and change nothing.
        responses.Count(r => r.StatusCode == HttpStatusCode.Accepted).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized).ShouldBe(9);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var notificationId = await IdOf(responses.Single(r => r.StatusCode == HttpStatusCode.Accepted));
        (await IdOf(retry)).ShouldBe(notificationId);

        var alertId = ReleaseAlertDocuments.IdPrefix + notificationId;
        var mails = await ThreeMailsAsync(alertId);
        await DrainedAsync(personId, notificationId);
        mails = AlertMails(alertId);
        mails.Select(m => m.To.ToString()).ShouldBe(
            [ReleaseAlertApiTests.LeadEmail, ReleaseAlertApiTests.ReferrerEmail, ReleaseAlertApiTests.CoordinatorEmail], ignoreOrder: true);
        foreach (var mail in mails)
        {
            var text = mail.Subject + mail.TextBody + mail.HtmlBody;
            foreach (var personal in new[] { "Jordan", "Ashby", "B1234CD", "1990" })
            {
                text.ShouldNotContain(personal, Case.Insensitive);
            }
        }

        var alerts = await Documents.ReadPartitionAsync<ReleaseAlert>(Containers.People, personId, Ct).ToListAsync(Ct);
        alerts.ShouldHaveSingleItem().Value.Id.ShouldBe(alertId);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_national_example_event_raises_the_same_alert_as_the_equivalent_json_notification()
    {
        var national = await PersonInCohortAsync("Darren", "Quenby", "A8513EA", pnc: "2012/0052494Q");
        var prisonReported = await PersonInCohortAsync("Jordan", "Ashby", "B1234CD", pnc: null);
        const string occurredAt = "2026-12-14T08:09:54+00:00";

        var eventBody = Encoding.UTF8.GetBytes(NationalExample(occurredAt));
        using var relayed = await host.Client.SendAsync(relay.Post("/api/" + NationalEventFunctions.Route, eventBody, Now), Ct);
        using var posted = await host.Client.SendAsync(prison.Post("/api/" + PrisonReleaseFunctions.Route, JsonNotification("swi-flow-2", "B1234CD", occurredAt), Now), Ct);

        relayed.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var fromEvent = await AlertAsync(ReleaseAlertDocuments.IdPrefix + await IdOf(relayed));
        var fromJson = await AlertAsync(ReleaseAlertDocuments.IdPrefix + await IdOf(posted));
        fromEvent.PersonId.ShouldBe(national);
        fromJson.PersonId.ShouldBe(prisonReported);
        fromEvent.Kind.ShouldBe(ReleaseAlertKind.Released);
        fromEvent.Kind.ShouldBe(fromJson.Kind);
        fromEvent.ReleaseDate.ShouldBe(fromJson.ReleaseDate);
        fromEvent.OccurredAt.ShouldBe(fromJson.OccurredAt);
        fromEvent.Recipients.Select(r => (r.Role, r.Agency, r.Email, r.ForHealth))
            .ShouldBe(fromJson.Recipients.Select(r => (r.Role, r.Agency, r.Email, r.ForHealth)), ignoreOrder: true);
        var eventMails = await ThreeMailsAsync(fromEvent.Id);
        var jsonMails = await ThreeMailsAsync(fromJson.Id);
        // The same e-mails to the same people, but for the alert's reference.
        eventMails.Select(m => m.To.ToString() + "|" + (m.Subject ?? "").Replace(ReleaseAlertDocuments.ReferenceOf(fromEvent.Id), "REF", StringComparison.Ordinal))
            .ShouldBe(jsonMails.Select(m => m.To.ToString() + "|" + (m.Subject ?? "").Replace(ReleaseAlertDocuments.ReferenceOf(fromJson.Id), "REF", StringComparison.Ordinal)), ignoreOrder: true);
    }
}
