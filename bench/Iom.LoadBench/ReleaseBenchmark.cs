using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;
using Iom.Application.Releases;
using Iom.Application.Releases.Alerts;
using Iom.Application.Releases.Intake;
using Iom.Application.Releases.Matching;
using Iom.Domain.Calendar;
using Iom.Domain.Releases;
using Iom.Functions.Http;
using Iom.Functions.Releases;
using Iom.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.LoadBench;

/// <summary>
/// The prison-release benchmark (issue 11): signed notifications at a fixed rate against the real local host with the
/// people in the cohort, timing each from its 202 to its last alert e-mail at the mail port, and the same rate against
/// the bare Kestrel + SQLite baseline with the same HMAC check. The baseline runs first, so it never shares the machine
/// with the app's backlog.
/// </summary>
internal static class ReleaseBenchmark
{
    /// <summary>The local host's development key of SWI's system (LocalDefaults.DevelopmentPrisonKeyId, internal to it).</summary>
    public const string PrisonKeyId = "local-swi";

    public const string LeadEmail = "alex.morgan@probation.gov.uk";

    /// <summary>Agencies' secure mailboxes: the referring police force's and the lead professional's (probation).</summary>
    public static readonly string[] Mailboxes = ["police=iom.releases@met.police.uk", "probation=iom.releases@london.probation.gov.uk"];

    /// <summary>Lead professional, police's mailbox, probation's mailbox, the IOM co-ordinator.</summary>
    public const int EmailsPerNotification = 4;

    public static async Task<ReleaseBenchReport> RunAsync(ReleaseOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("iom-releasebench-").FullName;
        try
        {
            string[] args = [.. IntakeBenchmark.HostArgs(folder), .. Mailboxes.Select(m => "--ReleaseAlerts:AgencyMailboxes:" + m)];
            // One person more than notifications: the first warms the whole flow up.
            var count = options.Notifications + 1;
            log.WriteLine($"Seeding {count:N0} people in the cohort…");
            var seeding = Stopwatch.StartNew();
            var people = await Seeder.SeedCohortAsync(args, count, LeadEmail, cancellationToken);
            log.WriteLine($"Seeded in {seeding.Elapsed.TotalSeconds:0} s.");

            var clock = new MailPortClock();
            var app = LocalHostApp.Build(args, overrideServices: clock.Decorate);
            await using (app)
            {
                await app.StartAsync(cancellationToken);
                var key = Convert.FromBase64String(await app.Services.GetRequiredService<ISecretStore>()
                    .GetSecretAsync(SecretNames.ReleaseSigningKey(PrisonKeyId), cancellationToken));
                await using var baseline = await BaselineServer.StartAsync(folder, 0, cancellationToken, key);
                var synchronous = $"app {await IntakeBenchmark.Synchronous(app)}, baseline {await IntakeBenchmark.BaselineSynchronous(baseline)}";
                var run = Guid.NewGuid().ToString("N")[..8];
                var appUri = new Uri(app.Urls.First());

                // Warm-up: one notification through the whole flow (and one to the baseline), not counted.
                var warm = await Load.WarmUpAsync(appUri, Signed(key, run, people[0]), success: 202);
                log.WriteLine($"app: warm-up notification answered {warm}");
                await WaitAsync(() => clock.AlertEmails >= EmailsPerNotification, TimeSpan.FromSeconds(60));
                log.WriteLine($"baseline: warm-up notification answered {await Load.WarmUpAsync(baseline.BaseAddress, Signed(key, run + "w", people[0]), success: 202)}");

                var measured = people.Skip(1).ToArray();
                log.WriteLine($"baseline: {options.Rate}/s for {options.Seconds} s…");
                var baselineResult = await Load.OpenLoopAsync(baseline.BaseAddress, options.Rate, TimeSpan.FromSeconds(options.Seconds), int.MaxValue,
                    i => Signed(key, run + "b", measured[i]), success: 202);
                log.WriteLine($"  p50 {baselineResult.Percentile(50):0.0} ms, p99 {baselineResult.Percentile(99):0.0} ms, not 202: {baselineResult.NotCreatedText} {baselineResult.FirstRefusal}");

                // Callers: one per request (int.MaxValue), so the factory is given the request's index, i.e. its person.
                var accepted = new ConcurrentDictionary<int, (string Id, long At)>();
                var depths = new ConcurrentDictionary<string, int>();
                using var sampling = new CancellationTokenSource();
                var sampler = SampleQueuesAsync(app, depths, sampling.Token);
                log.WriteLine($"app: {options.Rate}/s for {options.Seconds} s…");
                var appResult = await Load.OpenLoopAsync(appUri, options.Rate, TimeSpan.FromSeconds(options.Seconds), int.MaxValue,
                    i => Signed(key, run, measured[i]), success: 202,
                    answered: (i, status, body, at) =>
                    {
                        if (status == 202)
                        {
                            accepted[i] = (JsonNode.Parse(body)!["id"]!.GetValue<string>(), at);
                        }
                    });
                log.WriteLine($"  intake p50 {appResult.Percentile(50):0.0} ms, p99 {appResult.Percentile(99):0.0} ms, not 202: {appResult.NotCreatedText} {appResult.FirstRefusal}");

                var loadEnded = Stopwatch.GetTimestamp();
                bool AllArrived() => accepted.Values.All(a => clock.Complete(a.Id, EmailsPerNotification) is not null);
                await WaitAsync(AllArrived, TimeSpan.FromSeconds(options.DrainSeconds), () =>
                    log.WriteLine($"  {accepted.Values.Count(a => clock.Complete(a.Id, EmailsPerNotification) is not null)} of {accepted.Count} notifications have all their e-mails"));
                var drained = Stopwatch.GetElapsedTime(loadEnded);
                await sampling.CancelAsync();
                await sampler;

                var endToEnd = new List<double>();
                var incomplete = 0;
                var partial = 0;
                var completed = new List<(CohortPersonNotification Notification, long First, long Last)>();
                foreach (var (index, (id, at)) in accepted)
                {
                    if (clock.Complete(id, EmailsPerNotification) is { } arrived)
                    {
                        endToEnd.Add(Stopwatch.GetElapsedTime(at, arrived.Last).TotalMilliseconds);
                        completed.Add((new CohortPersonNotification(measured[index].PersonId, id, at), arrived.First, arrived.Last));
                    }
                    else
                    {
                        incomplete++;
                        partial += clock.Arrived(id) > 0 ? 1 : 0;
                    }
                }

                log.WriteLine("Reading each completed notification's stage timestamps…");
                var stages = await StagesAsync(app, completed, cancellationToken);
                await app.StopAsync(CancellationToken.None);
                return new ReleaseBenchReport(options, appResult, baselineResult, EmailsPerNotification, endToEnd, incomplete, partial, drained,
                    clock.AlertEmails, clock.Repeated, stages, depths, synchronous);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record CohortPersonNotification(string PersonId, string NotificationId, long AcceptedAt);

    /// <summary>
    /// Where the time went, from the timestamps the flow stores: the 202 (here), matched (<see cref="ReleaseMatched.MatchedAt"/>),
    /// custody applied (its Alteration audit record), alert raised (<see cref="ReleaseAlert.RaisedAt"/>), then the
    /// first and the last e-mail at the mail port (here). Store times are the host's clock, on this machine.
    /// </summary>
    private static async Task<IReadOnlyList<ReleaseStage>> StagesAsync(
        WebApplication app, IReadOnlyList<(CohortPersonNotification Notification, long First, long Last)> completed, CancellationToken cancellationToken)
    {
        var documents = app.Services.GetRequiredService<IDocumentStore>();
        var audit = app.Services.GetRequiredService<AuditTrail>();
        // Stopwatch timestamps and the host's UTC clock, related once.
        var anchorUtc = DateTimeOffset.UtcNow;
        var anchorTicks = Stopwatch.GetTimestamp();
        double Ms(long timestamp) => (anchorUtc - Stopwatch.GetElapsedTime(timestamp, anchorTicks)).ToUnixTimeMilliseconds();

        var door = new List<double>();
        var custody = new List<double>();
        var alert = new List<double>();
        var firstMail = new List<double>();
        var lastMail = new List<double>();
        foreach (var (notification, first, last) in completed)
        {
            var accepted = Ms(notification.AcceptedAt);
            var matched = await documents.ReadAsync<ReleaseMatched>(ReleaseMatches.MatchedKeyOf(notification.PersonId, notification.NotificationId), cancellationToken);
            var raised = await documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(notification.PersonId, ReleaseAlertDocuments.IdPrefix + notification.NotificationId), cancellationToken);
            var applied = (await audit.ReadAsync(notification.PersonId, cancellationToken))
                .FirstOrDefault(r => r.Subject == "custody-record/" + notification.NotificationId);
            if (matched is null || raised is null || applied is null)
            {
                continue;
            }

            var m = matched.Value.MatchedAt.ToUnixTimeMilliseconds();
            var c = applied.At.ToUnixTimeMilliseconds();
            var r = raised.Value.RaisedAt.ToUnixTimeMilliseconds();
            door.Add(m - accepted);
            custody.Add(c - m);
            alert.Add(r - c);
            firstMail.Add(Ms(first) - r);
            lastMail.Add(Stopwatch.GetElapsedTime(first, last).TotalMilliseconds);
        }

        return
        [
            new("matching", "202 → matched (queue `release-notifications`, then `MatchReleaseNotification`)", door),
            new("custody", "matched → custody record committed (queue `release-custody`)", custody),
            new("alert", "custody → alert raised (queue `release-alerts`, `RaiseReleaseAlert`)", alert),
            new("first e-mail", "alert raised → first e-mail at the port (outbox relay, queue `mail`, `SendQueuedMail`)", firstMail),
            new("last e-mail", "first → last e-mail of the notification", lastMail),
        ];
    }

    /// <summary>
    /// The deepest backlog of each queue, sampled every second (a single indexed count, read-only), and of the in-process
    /// outbox relay: the nudges committed but not yet dispatched to a queue.
    /// </summary>
    private static async Task SampleQueuesAsync(WebApplication app, ConcurrentDictionary<string, int> depths, CancellationToken cancellationToken)
    {
        var database = app.Services.GetRequiredService<Iom.Adapters.Sqlite.SqliteDatabase>();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await using (var connection = await database.OpenAsync(cancellationToken))
                await using (var count = connection.CreateCommand())
                {
                    count.CommandText = "SELECT queue, COUNT(*) FROM queue_messages GROUP BY queue";
                    await using var reader = await count.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var depth = reader.GetInt32(1);
                        depths.AddOrUpdate(reader.GetString(0), depth, (_, was) => Math.Max(was, depth));
                    }
                }

                // Entries committed and handed to the in-process relay, not yet dispatched to their queues.
                var nudges = app.Services.GetRequiredService<Iom.Application.Outbox.OutboxNudges>().Pending;
                depths.AddOrUpdate("(outbox nudges waiting in memory)", nudges, (_, was) => Math.Max(was, nudges));
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Sampling stops with the drain.
        }
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout, Action? progress = null)
    {
        var started = Stopwatch.GetTimestamp();
        var lastProgress = started;
        while (!done() && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            if (progress is not null && Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(10))
            {
                progress();
                lastProgress = Stopwatch.GetTimestamp();
            }
        }
    }

    /// <summary>A prison's report that <paramref name="person"/> was released this morning, as SWI's system sends it.</summary>
    private static ReleaseReportRequest Body(string run, Seeder.CohortPerson person)
    {
        var today = LondonTime.LondonDate(DateTimeOffset.UtcNow);
        return new ReleaseReportRequest
        {
            EventId = $"bench-{run}-{person.N}",
            PrisonCode = "SWI",
            PrisonNumber = person.PrisonNumber,
            GivenName = person.Referral.Person!.GivenName,
            FamilyName = person.Referral.Person.FamilyName,
            DateOfBirth = person.Referral.Person.DateOfBirth,
            Reason = "RELEASED",
            ReleaseDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            // On the day, a moment ago: a release that has happened (an actual release, alerted at once).
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>A POST of the person's notification, signed now with the dev prison key, as a prison's system signs it.</summary>
    private static HttpRequestMessage Signed(byte[] key, string run, Seeder.CohortPerson person)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(Body(run, person), ApiJson.Options);
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = new HttpRequestMessage(HttpMethod.Post, "/api/" + PrisonReleaseFunctions.Route) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        message.Headers.Add(ReleaseSignatureCheck.KeyIdHeader, PrisonKeyId);
        message.Headers.Add(ReleaseSignatureCheck.SignatureHeader, $"t={t},v1={ReleaseSignatureCheck.Sign(key, t, body)}");
        return message;
    }
}
