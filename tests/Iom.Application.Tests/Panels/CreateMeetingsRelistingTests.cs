using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels;

public sealed class CreateMeetingsRelistingTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-meetings-").FullName, "iom.db"));

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database);

    private SqliteQueue Queue => new(database, time);

    private CreateMeetingsHandler Handler(IDocumentStore documents) =>
        new(documents, new OutboxRelay(documents, Queue, time, NullLogger<OutboxRelay>.Instance), new WorkingDayCalendar(), time);

    internal static ActingAs Coordinator()
    {
        var panels = new PanelDirectory(Options.Create(new PanelsOptions
        {
            Panels = { ["iom"] = new PanelOptions { Name = "IOM Panel", CoordinatorEmail = "iom.coordinator@richmond.gov.uk" } },
        }));
        return new ActingAs(new Caller("user-coordinator", "A Co-ordinator", null, "council", new HashSet<string> { Roles.Coordinator }), "corr-meetings", "Panel administration: arranging meetings")
        {
            Scope = new ObjectScope(new PanelAccess(panels), new HashSet<string> { Roles.Coordinator }),
        };
    }

    private async Task<List<RelistPanelMessage>> RelistingsQueuedAsync() =>
        (await Queue.ReceiveAsync(ReferralQueues.Relisting, 32, TimeSpan.FromMinutes(5), Ct))
            .Select(m => JsonSerializer.Deserialize<RelistPanelMessage>(m.Body, DocumentJson.Options)!).ToList();

    private async Task<int> OutboxEntriesLeftAsync()
    {
        var left = 0;
        await foreach (var _ in Documents.ReadKindAsync<OutboxEntry>(Containers.Panels, Ct))
        {
            left++;
        }

        return left;
    }

    [Fact]
    public async Task New_meetings_are_committed_with_the_relisting_they_cause_which_the_relay_puts_on_the_relisting_queue_with_the_request_correlation_id()
    {
        var created = await Handler(Documents).HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12" }, Coordinator(), Ct);

        created.ShouldHaveSingleItem().AlreadyExisted.ShouldBeFalse();
        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(PanelCode.Iom, new DateOnly(2027, 1, 12)), Ct)).ShouldNotBeNull();
        (await RelistingsQueuedAsync()).Select(m => (m.Panel, m.CorrelationId)).ShouldBe([(PanelCode.Iom, "corr-meetings")]);
        (await OutboxEntriesLeftAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task When_the_commit_of_new_meetings_fails_neither_the_meetings_nor_their_relisting_are_stored_or_queued()
    {
        var failing = new FailingCommitStore(Documents);

        await Should.ThrowAsync<IOException>(() => Handler(failing).HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12" }, Coordinator(), Ct));

        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(PanelCode.Iom, new DateOnly(2027, 1, 12)), Ct)).ShouldBeNull();
        (await RelistingsQueuedAsync()).ShouldBeEmpty();
        (await OutboxEntriesLeftAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_relisting_whose_nudge_failed_is_stored_with_the_meetings_and_sent_by_the_sweep()
    {
        var documents = Documents;
        var handler = new CreateMeetingsHandler(documents, new OutboxRelay(documents, new UnreachableQueue(), time, NullLogger<OutboxRelay>.Instance), new WorkingDayCalendar(), time);

        await handler.HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12" }, Coordinator(), Ct);
        (await OutboxEntriesLeftAsync()).ShouldBe(1);

        time.Advance(OutboxRelay.SweepAge);
        (await new OutboxRelay(documents, Queue, time, NullLogger<OutboxRelay>.Instance).SweepAsync(OutboxRelay.SweepAge, Ct)).ShouldBe(1);

        (await RelistingsQueuedAsync()).Select(m => m.Panel).ShouldBe([PanelCode.Iom]);
        (await OutboxEntriesLeftAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Repeating_a_request_leaves_the_meetings_as_they_are_and_relists_again_harmlessly()
    {
        await Handler(Documents).HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12", Location = "Civic Centre" }, Coordinator(), Ct);
        var again = await Handler(Documents).HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-12", Location = "Elsewhere" }, Coordinator(), Ct);

        again.ShouldHaveSingleItem().AlreadyExisted.ShouldBeTrue();
        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(PanelCode.Iom, new DateOnly(2027, 1, 12)), Ct))!.Value.Location.ShouldBe("Civic Centre");
        (await RelistingsQueuedAsync()).Count.ShouldBe(2);
    }

    private sealed class UnreachableQueue : Ports.Queues.IQueueSender
    {
        public Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default) =>
            throw new HttpRequestException("The queue cannot be reached.");
    }
}
