using System.Globalization;
using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Application.Releases.Custody;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Releases;

/// <summary>
/// The custody stage on a real SQLite store and its embedded queue: notifications stored as the intake stores them,
/// the custody handler, the reminders' queue handler and timer, the outbox relay between them, a clock to move.
/// </summary>
public sealed class CustodyKit : IDisposable
{
    public const string Person = "feedfacefeedfacefeedfacefeedface";

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-custody-").FullName, "iom.db"));

    public CustodyKit(string now = "2026-12-14T09:00:00Z")
    {
        Time = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        Documents = new SqliteDocumentStore(database, Time);
        Audit = new Audit.AuditKit(Documents);
        Nudges = new OutboxNudges(new OutboxRelay(Documents, Queue, Time, NullLogger<OutboxRelay>.Instance));
    }

    public FakeTimeProvider Time { get; }

    public IDocumentStore Documents { get; }

    public Audit.AuditKit Audit { get; }

    public SqliteQueue Queue => new(database, Time);

    public OutboxNudges Nudges { get; }

    public ApplyReleaseToCustody Custody(IDocumentStore? documents = null) =>
        new(documents ?? Documents, Audit.Trail(documents), Nudges, Time, NullLogger<ApplyReleaseToCustody>.Instance);

    public SendDueReleaseReminders Reminders => new(Documents, Nudges, Time, NullLogger<SendDueReleaseReminders>.Instance);

    public StoreReleaseReminders StoreReminders => new(Documents);

    public DateOnly Today => Iom.Domain.Calendar.LondonTime.LondonDate(Time.GetUtcNow());

    /// <summary>Stores a notification as the intake does and returns its id.</summary>
    public async Task<string> NotifyAsync(string eventId, ReleaseReason reason, DateOnly releaseDate, DateTimeOffset? occurredAt = null, string prison = "SWI")
    {
        var report = new ReleaseReport(ReleaseSource.Prison, eventId, prison, "A8513EA", null, null, "Darren", "Quenby", new DateOnly(1994, 3, 2),
            reason, releaseDate, occurredAt ?? Time.GetUtcNow(), null, null);
        var id = ReleaseNotifications.IdFor(report);
        await Documents.CreateAsync(ReleaseNotifications.KeyOf(id), new ReleaseNotification(id, report, Time.GetUtcNow(), "swi-key-1"));
        return id;
    }

    public Task<CustodyOutcome> ApplyAsync(string notificationId, string person = Person) =>
        Custody().ApplyAsync(new ApplyReleaseToPerson(notificationId, person, "noms"), TestContext.Current.CancellationToken);

    public static string Message(string notificationId, string person = Person) =>
        JsonSerializer.Serialize(new ApplyReleaseToPerson(notificationId, person, "noms"), DocumentJson.Options);

    public async Task<CustodyRecord?> RecordAsync(string person = Person) =>
        (await Documents.ReadAsync<CustodyRecord>(CustodyDocuments.RecordOf(person), TestContext.Current.CancellationToken))?.Value;

    /// <summary>Dispatches what was nudged, then takes every message off <paramref name="queue"/> (bodies, oldest first).</summary>
    public async Task<List<string>> DrainAsync(string queue)
    {
        var ct = TestContext.Current.CancellationToken;
        await Nudges.DispatchPendingAsync(ct);
        var bodies = new List<string>();
        while ((await Queue.ReceiveAsync(queue, 32, TimeSpan.FromMinutes(5), ct)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                bodies.Add(message.Body);
                await Queue.CompleteAsync(queue, message, ct);
            }
        }

        return bodies;
    }

    /// <summary>The alerts now due, taken off <see cref="ReleaseQueues.Alerts"/>.</summary>
    public async Task<List<ReleaseAlertDue>> AlertsAsync() =>
        [.. (await DrainAsync(ReleaseQueues.Alerts)).Select(b => JsonSerializer.Deserialize<ReleaseAlertDue>(b, DocumentJson.Options)!)];

    /// <summary>Runs the reminders' queue function on what is queued for it; returns the messages handled.</summary>
    public async Task<List<string>> StoreQueuedRemindersAsync()
    {
        var bodies = await DrainAsync(CustodyQueues.Reminders);
        foreach (var body in bodies)
        {
            await StoreReminders.HandleAsync(body, TestContext.Current.CancellationToken);
        }

        return bodies;
    }

    public void Dispose() => database.Dispose();
}
