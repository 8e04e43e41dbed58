using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.Custody;
using Iom.Domain.Releases;
using Iom.Functions.Releases;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Iom.Functions.Tests.Releases;

/// <summary>The custody stage as the local host runs it: the queue functions chained through the outbox, then the timer.</summary>
public sealed class CustodyChainTests
{
    private const string Person = "0123456789abcdef0123456789abcdef";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expected_release_queued_for_the_custody_record_is_stored_scheduled_and_reminded_of_by_the_hosts_functions()
    {
        // Mon 14 Dec 2026, 09:00 London: a release expected on Wed 16 Dec is due its 2-day reminder today.
        await using var host = await RunningLocalHost.StartAsync(extraArgs: ["--Clock:StartAt=2026-12-14T09:00:00Z"]);
        var documents = host.Services.GetRequiredService<IDocumentStore>();
        var report = new ReleaseReport(ReleaseSource.Prison, "swi-000123", "SWI", "A8513EA", null, null, "Darren", "Quenby", new DateOnly(1994, 3, 2),
            ReleaseReason.Released, new DateOnly(2026, 12, 16), DateTimeOffset.Parse("2026-12-14T08:30:00+00:00", System.Globalization.CultureInfo.InvariantCulture), null, null);
        var id = ReleaseNotifications.IdFor(report);
        await documents.CreateAsync(ReleaseNotifications.KeyOf(id), new ReleaseNotification(id, report, report.OccurredAt, "swi-key-1"), Ct);

        await host.Services.GetRequiredService<IQueueSender>().SendAsync(ReleaseQueues.Custody,
            JsonSerializer.Serialize(new ApplyReleaseToPerson(id, Person, "noms"), DocumentJson.Options), cancellationToken: Ct);

        var reminder = await Eventually.Async(() => documents.ReadAsync<ReleaseReminder>(CustodyDocuments.ReminderOf(Person, report.ReleaseDate, 2), Ct));
        reminder.Value.DueOn.ShouldBe(new DateOnly(2026, 12, 14));
        (await documents.ReadAsync<ReleaseReminder>(CustodyDocuments.ReminderOf(Person, report.ReleaseDate, 0), Ct)).ShouldNotBeNull();

        var functions = new CustodyFunctions(host.Services.GetRequiredService<ApplyReleaseToCustody>(), host.Services.GetRequiredService<StoreReleaseReminders>(),
            host.Services.GetRequiredService<SendDueReleaseReminders>(), NullLogger<CustodyFunctions>.Instance);
        await functions.Remind(new TimerInfo(), Ct);
        await functions.Remind(new TimerInfo(), Ct);

        var record = (await documents.ReadAsync<CustodyRecord>(CustodyDocuments.RecordOf(Person), Ct)).ShouldNotBeNull().Value;
        record.Status.ShouldBe(CustodyStatus.InCustody);
        record.ExpectedRelease.ShouldNotBeNull().RemindersSent.ShouldBe([2]);
        (await documents.ReadAsync<ReleaseReminder>(reminder.Key, Ct)).ShouldBeNull();
        host.Services.GetRequiredService<Iom.Functions.Http.FunctionCatalog>().Timers.Single(t => t.Name == "RemindExpectedReleases").Schedule.ShouldBe("0 5 * * * *");
    }
}
