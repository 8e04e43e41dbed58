using System.Text.Json.Nodes;
using Iom.Adapters.ServiceBus;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Releases;
using Iom.Application.Releases.National;
using Iom.Functions.Releases;
using Iom.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Releases;

/// <summary>
/// The Service Bus door of national events in Azure: the <c>DrainNationalEventQueue</c> timer function draining a queue
/// through the Service Bus adapter, the same handler as the storage queue and the relay door, and the local host's real
/// composition and SQLite store. No Service Bus broker runs here, so the SDK's receiver is a substitute
/// (<see cref="SubstituteServiceBusReceiver"/>), which every test name says. The local host is built, not started, so
/// its own timers do not run the drain beside the test.
/// </summary>
public sealed class NationalEventServiceBusDrainTests : IAsyncDisposable
{
    private readonly SubstituteServiceBusReceiver receiver = new();
    private readonly FailingCommits failing = new();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iom-national-sb-").FullName;
    private WebApplication? app;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IServiceProvider Services => (app ??= LocalHostApp.Build(
        ["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={dataDirectory}", $"--Events:Directory={Path.Combine(dataDirectory, "events")}"],
        overrideServices: services =>
        {
            services.AddSingleton<INationalEventInbox>(new ServiceBusNationalEventInbox(receiver, Options.Create(new NationalEventQueueOptions { ServiceBusQueue = ReleaseQueues.NationalEvents })));
            services.AddSingleton<IDocumentStore>(sp => new FailingCommitStore(sp.GetRequiredService<SqliteDocumentStore>(), failing));
        })).Services;

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    /// <summary>One run of the timer function, as the Functions host fires it every minute.</summary>
    private Task RunTimerAsync() =>
        ActivatorUtilities.CreateInstance<NationalEventFunctions>(Services).Drain(new TimerInfo(), Ct);

    private async Task<List<ReleaseNotification>> RecordedAsync()
    {
        var found = new List<ReleaseNotification>();
        await foreach (var stored in Services.GetRequiredService<IDocumentStore>().ReadKindAsync<ReleaseNotification>(Containers.Identities, Ct))
        {
            found.Add(stored.Value);
        }

        return found;
    }

    [Fact]
    public async Task A_valid_release_on_the_queue_is_recorded_as_a_national_notification_and_completed_with_a_substitute_receiver()
    {
        receiver.Enqueue(NationalEventDoorTests.Released(), "m-1");

        await RunTimerAsync();

        var recorded = (await RecordedAsync()).ShouldHaveSingleItem();
        (recorded.Report.Source, recorded.Report.PrisonNumber, recorded.ReceivedFrom).ShouldBe((Iom.Domain.Releases.ReleaseSource.National, "A8513EA", ReceiveNationalEvent.Hmpps));
        receiver.Completed.ShouldHaveSingleItem().MessageId.ShouldBe("m-1");
        (receiver.DeadLettered.Count, receiver.Abandoned.Count, receiver.Waiting).ShouldBe((0, 0, 0));
        // One bounded batch a run, waiting briefly on an empty queue.
        receiver.Receives.ShouldHaveSingleItem().ShouldBe((new NationalEventQueueOptions().MaxMessagesPerRun, ServiceBusNationalEventInbox.MaxWaitTime));
    }

    [Fact]
    public async Task The_same_event_sent_twice_is_one_notification_with_the_relay_doors_id_and_both_messages_are_completed_with_a_substitute_receiver()
    {
        receiver.Enqueue(NationalEventDoorTests.Released(), "first-send");
        receiver.Enqueue(NationalEventDoorTests.Released(), "resent-by-the-relay");

        await RunTimerAsync();

        var recorded = (await RecordedAsync()).ShouldHaveSingleItem();
        // The same event by the relay door (or the storage queue) is answered with the same notification.
        var byTheDoor = await Services.GetRequiredService<ReceiveNationalEvent>().HandleAsync(System.Text.Encoding.UTF8.GetBytes(NationalEventDoorTests.Released()), "relay-key", Ct);
        (byTheDoor.Action, byTheDoor.NotificationId).ShouldBe((NationalEventAction.AlreadyRecorded, recorded.Id));
        receiver.Completed.Select(m => m.MessageId).ShouldBe(["first-send", "resent-by-the-relay"]);
        (receiver.DeadLettered.Count, receiver.Abandoned.Count).ShouldBe((0, 0));
    }

    [Theory]
    [InlineData("not JSON", "{\"eventType\":", "Not JSON")]
    [InlineData("a prison id that is not a prison's", null, "additionalInformation.prisonId")]
    [InlineData("no event type", """{"version":1,"occurredAt":"2024-10-14T15:09:54+01:00","additionalInformation":{"nomsNumber":"A8513EA"}}""", "eventType")]
    public async Task A_malformed_event_is_dead_lettered_with_a_reason_naming_what_is_wrong_and_nothing_is_recorded_with_a_substitute_receiver(string what, string? body, string named)
    {
        receiver.Enqueue(body ?? NationalEventDoorTests.Released(e => e["additionalInformation"]!["prisonId"] = "SWINDON"), "bad-1");

        await RunTimerAsync();

        var (message, reason, description) = receiver.DeadLettered.ShouldHaveSingleItem(what);
        (message.MessageId, reason).ShouldBe(("bad-1", DrainNationalEvents.MalformedReason));
        description.ShouldNotBeNull().ShouldContain(named);
        // Where it is wrong, never what it holds: no prison number, no value from the event.
        description.ShouldNotContain("A8513EA");
        description.ShouldNotContain("SWINDON");
        (receiver.Completed.Count, receiver.Abandoned.Count, receiver.Waiting).ShouldBe((0, 0, 0));
        (await RecordedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_store_failure_abandons_the_message_so_it_comes_back_and_the_next_run_records_it_with_a_substitute_receiver()
    {
        receiver.Enqueue(NationalEventDoorTests.Released(), "m-1");
        failing.Remaining = 1;

        await RunTimerAsync();

        receiver.Abandoned.ShouldHaveSingleItem().MessageId.ShouldBe("m-1");
        (receiver.Completed.Count, receiver.DeadLettered.Count, receiver.Waiting).ShouldBe((0, 0, 1));
        (await RecordedAsync()).ShouldBeEmpty();

        await RunTimerAsync();

        var completed = receiver.Completed.ShouldHaveSingleItem();
        (completed.MessageId, completed.DeliveryCount).ShouldBe(("m-1", 2));
        (await RecordedAsync()).ShouldHaveSingleItem().Report.PrisonNumber.ShouldBe("A8513EA");
        receiver.DeadLettered.ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_event_type_and_a_merge_are_completed_and_record_no_notification_with_a_substitute_receiver()
    {
        receiver.Enqueue("""{"eventType":"prison-offender-events.prisoner.received","version":1,"occurredAt":"2024-10-14T15:09:54+01:00","additionalInformation":{"nomsNumber":"A8513EA"}}""", "other");
        receiver.Enqueue("""{"eventType":"prison-offender-events.prisoner.merged","version":1,"occurredAt":"2024-10-14T15:09:54+01:00","additionalInformation":{"nomsNumber":"A8513EA","removedNomsNumber":"A1234BC","reason":"MERGE"}}""", "merge");

        await RunTimerAsync();

        receiver.Completed.Select(m => m.MessageId).ShouldBe(["other", "merge"]);
        (await RecordedAsync()).ShouldBeEmpty();
        (await Services.GetRequiredService<IQueueReceiver>().ReceiveAsync(ReleaseQueues.Merges, 32, TimeSpan.FromMinutes(5), Ct)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Without_a_service_bus_queue_configured_the_local_host_has_no_inbox_and_the_timer_drains_nothing()
    {
        await using var local = LocalHostApp.Build(["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={Path.Combine(dataDirectory, "plain")}"]);

        local.Services.GetService<INationalEventInbox>().ShouldBeNull();
        var report = await local.Services.GetRequiredService<DrainNationalEvents>().DrainAsync(Ct);
        report.ShouldBe(new NationalEventDrainReport(0, 0, 0, 0));
    }

    [Fact]
    public void The_drain_is_a_timer_every_minute_like_the_other_sweeps()
    {
        var timer = Iom.Functions.Http.FunctionCatalog.ForApp().Timers.Single(t => t.Name == "DrainNationalEventQueue");

        (timer.Schedule, timer.RunOnStartup).ShouldBe(("0 * * * * *", false));
        timer.Method.DeclaringType.ShouldBe(typeof(NationalEventFunctions));
    }

    /// <summary>How many commits are still to fail, as a lost connection to the store would.</summary>
    private sealed class FailingCommits
    {
        public int Remaining { get; set; }
    }

    /// <summary>The real store, except that the next <see cref="FailingCommits.Remaining"/> commits fail before landing.</summary>
    private sealed class FailingCommitStore(IDocumentStore inner, FailingCommits failing) : DelegatingDocumentStore(inner)
    {
        public override Task CommitAsync(string container, string partition, IReadOnlyList<DocumentWrite> writes, CancellationToken cancellationToken = default)
        {
            if (failing.Remaining > 0)
            {
                failing.Remaining--;
                throw new IOException("The connection to the store was lost.");
            }

            return Inner.CommitAsync(container, partition, writes, cancellationToken);
        }
    }
}
