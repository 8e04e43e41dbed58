using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Tests.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Panels;

/// <summary>
/// Cancelling and moving a meeting against SQLite: the change and its outbox entries in one commit, the relisting
/// they cause carried out by the relisting function by the cutoff rule, refusals that write nothing. The clock is
/// Monday 14 December 2026; IOM meetings are on 12 and 26 January 2027.
/// </summary>
public sealed class ChangeMeetingTests : IDisposable
{
    private static readonly MeetingId January12 = new(PanelCode.Iom, new DateOnly(2027, 1, 12));

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-meeting-change-").FullName, "iom.db"));

    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private SqliteQueue Queue => new(database, time);

    private OutboxRelay Relay(IDocumentStore documents) => new(documents, Queue, time, NullLogger<OutboxRelay>.Instance);

    private ChangeMeetingHandler Change(IDocumentStore? documents = null) =>
        new(documents ?? Documents, Relay(documents ?? Documents), new WorkingDayCalendar(), time);

    private RelistAwaitingReferrals Relisting() =>
        new(Documents, new ReferralRelisting(Documents, new Audit.AuditKit(Documents).Trail(Documents)), new MeetingCalendar(Documents),
            new WorkingDayCalendar(), Options.Create(new ReferralOptions()), time);

    private async Task MeetingsAsync(params string[] dates)
    {
        var create = new CreateMeetingsHandler(Documents, Relay(Documents), new WorkingDayCalendar(), time);
        foreach (var date in dates)
        {
            await create.HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = date }, CreateMeetingsRelistingTests.Coordinator(), Ct);
        }

        // The relisting passes of the new meetings are not what these tests are about.
        await Queue.ReceiveAsync(ReferralQueues.Relisting, 32, TimeSpan.FromHours(1), Ct);
    }

    private async Task<string> ReferAsync(string familyName, bool emergency = false)
    {
        var request = Submissions.Referral() with
        {
            Person = Submissions.Referral().Person! with { FamilyName = familyName },
            Emergency = emergency,
        };
        return (await Submissions.Handler(Documents, time).HandleAsync(request, Submissions.Referrer("police"), Ct)).Id;
    }

    private async Task<Referral> ReferralAsync(string id) => (await Documents.FindAsync(id, Ct))!.Value;

    private async Task<List<T>> QueuedAsync<T>(string queue) =>
        [.. (await Queue.ReceiveAsync(queue, 32, TimeSpan.FromHours(1), Ct)).Select(m => JsonSerializer.Deserialize<T>(m.Body, DocumentJson.Options)!)];

    // What the relisting queue function does with each message the change put on the queue.
    private async Task RelistAsync()
    {
        foreach (var message in await Queue.ReceiveAsync(ReferralQueues.Relisting, 32, TimeSpan.FromHours(1), Ct))
        {
            await Relisting().HandleAsync(message.Body, "corr-relist", Ct);
            await Relisting().HandleAsync(message.Body, "corr-relist", Ct); // a redelivery changes nothing more
        }
    }

    [Fact]
    public async Task Cancelling_commits_the_cancelled_meeting_with_a_meeting_changed_message_and_a_relisting_of_its_date_and_keeps_its_key()
    {
        await MeetingsAsync("2027-01-12");

        var cancelled = await Change().CancelAsync(January12, new CancelMeetingRequest { Reason = "Chair unavailable" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);

        cancelled.Status.ShouldBe(MeetingStatus.Cancelled);
        cancelled.Sequence.ShouldBe(1);
        var stored = (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(January12), Ct))!.Value;
        stored.ShouldBe(cancelled with { Changes = stored.Changes });
        stored.Changes.ShouldHaveSingleItem().Reason.ShouldBe("Chair unavailable");
        (await QueuedAsync<MeetingChanged>(PanelQueues.MeetingChanged)).ShouldBe([new MeetingChanged("iom-2027-01-12", 1, Cancelled: true) { CorrelationId = "corr-meetings" }]);
        var relist = (await QueuedAsync<RelistPanelMessage>(ReferralQueues.Relisting)).ShouldHaveSingleItem();
        (relist.Meeting, relist.Vacated).ShouldBe(("iom-2027-01-12", new DateOnly(2027, 1, 12)));
        (await new MeetingCalendar(Documents).UpcomingAsync(PanelCode.Iom, new DateOnly(2026, 12, 14), Ct)).ShouldBeEmpty("a cancelled meeting is never offered for listing");
    }

    [Fact]
    public async Task A_move_keeps_the_id_and_key_changes_the_date_and_raises_the_sequence_with_each_change()
    {
        await MeetingsAsync("2027-01-12");

        await Change().MoveAsync(January12, new MoveMeetingRequest { Date = "2027-01-19" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);
        var moved = await Change().MoveAsync(January12, new MoveMeetingRequest { Date = "2027-01-19", StartTime = "14:00", Location = "Civic Centre" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);

        var stored = (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(January12), Ct))!.Value;
        (stored.Id(), stored.Date, stored.StartTime, stored.Location, stored.Sequence, stored.MovedFrom()).ShouldBe(
            (January12, new DateOnly(2027, 1, 19), new TimeOnly(14, 0), "Civic Centre", 2, new DateOnly(2027, 1, 12)));
        moved.Sequence.ShouldBe(2);
        (await QueuedAsync<MeetingChanged>(PanelQueues.MeetingChanged)).Select(m => (m.MeetingId, m.Sequence, m.Cancelled))
            .ShouldBe([("iom-2027-01-12", 1, false), ("iom-2027-01-12", 2, false)], ignoreOrder: true);
        (await QueuedAsync<RelistPanelMessage>(ReferralQueues.Relisting)).ShouldHaveSingleItem("a change of time or place leaves the date's listings alone");
    }

    [Theory]
    [InlineData("2026-12-11", "date-in-past")]
    [InlineData("2027-01-16", "not-a-working-day")]
    [InlineData("2026-12-28", "not-a-working-day")]
    [InlineData("2027-01-26", "panel-already-meets")]
    [InlineData("2027-01-12", "nothing-changed")]
    public async Task A_move_a_rule_refuses_is_422_naming_the_rule_and_changes_nothing(string date, string rule)
    {
        await MeetingsAsync("2027-01-12", "2027-01-26");

        var refused = await Should.ThrowAsync<RefusalException>(() =>
            Change().MoveAsync(January12, new MoveMeetingRequest { Date = date }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));

        (refused.Kind, refused.Reason).ShouldBe((RefusalKind.Unprocessable, rule));
        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(January12), Ct))!.Value.Sequence.ShouldBe(0);
        (await QueuedAsync<MeetingChanged>(PanelQueues.MeetingChanged)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_meeting_moved_away_frees_its_day_and_a_meeting_moved_onto_a_day_takes_it()
    {
        await MeetingsAsync("2027-01-12", "2027-01-26");
        await Change().MoveAsync(January12, new MoveMeetingRequest { Date = "2027-01-19" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);

        var refused = await Should.ThrowAsync<RefusalException>(() => Change().MoveAsync(new MeetingId(PanelCode.Iom, new DateOnly(2027, 1, 26)),
            new MoveMeetingRequest { Date = "2027-01-19" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));
        refused.Reason.ShouldBe("panel-already-meets");
        var created = await new CreateMeetingsHandler(Documents, Relay(Documents), new WorkingDayCalendar(), time)
            .HandleAsync(PanelCode.Iom, new CreateMeetingsRequest { Date = "2027-01-19" }, CreateMeetingsRelistingTests.Coordinator(), Ct);
        created.ShouldHaveSingleItem().ShouldSatisfyAllConditions(m => m.AlreadyExisted.ShouldBeTrue(), m => m.Id.ShouldBe("iom-2027-01-12"));
    }

    [Fact]
    public async Task A_held_or_cancelled_meeting_cannot_be_cancelled_or_moved_409_naming_why_and_nothing_is_queued_twice()
    {
        await MeetingsAsync("2027-01-12");
        await Change().CancelAsync(January12, new CancelMeetingRequest { Reason = "Chair unavailable" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);

        var again = await Should.ThrowAsync<RefusalException>(() =>
            Change().CancelAsync(January12, new CancelMeetingRequest { Reason = "Again" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));
        (again.Kind, again.Reason).ShouldBe((RefusalKind.Conflict, "meeting-cancelled"));

        time.SetUtcNow(DateTimeOffset.Parse("2027-01-26T10:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await Documents.CreateAsync(Meeting.KeyOf(PanelCode.Iom, new DateOnly(2027, 1, 26)),
            Meeting.Schedule(PanelCode.Iom, new DateOnly(2027, 1, 26), new TimeOnly(10, 0), null, "c", time.GetUtcNow()), Ct);
        var held = await Should.ThrowAsync<RefusalException>(() => Change().MoveAsync(new MeetingId(PanelCode.Iom, new DateOnly(2027, 1, 26)),
            new MoveMeetingRequest { Date = "2027-02-02" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));
        (held.Kind, held.Reason).ShouldBe((RefusalKind.Conflict, "meeting-held"));

        (await QueuedAsync<MeetingChanged>(PanelQueues.MeetingChanged)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_stale_if_match_is_refused_412_and_a_failed_commit_stores_neither_the_change_nor_its_messages()
    {
        await MeetingsAsync("2027-01-12");

        var stale = await Should.ThrowAsync<RefusalException>(() =>
            Change().CancelAsync(January12, new CancelMeetingRequest { Reason = "x" }, "\"not-its-etag\"", CreateMeetingsRelistingTests.Coordinator(), Ct));
        stale.Kind.ShouldBe(RefusalKind.Stale);
        await Should.ThrowAsync<IOException>(() =>
            Change(new FailingCommitStore(Documents)).CancelAsync(January12, new CancelMeetingRequest { Reason = "x" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));

        (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(January12), Ct))!.Value.Status.ShouldBe(MeetingStatus.Scheduled);
        (await QueuedAsync<MeetingChanged>(PanelQueues.MeetingChanged)).ShouldBeEmpty();
        (await QueuedAsync<RelistPanelMessage>(ReferralQueues.Relisting)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reason_that_is_missing_too_long_or_not_one_line_is_400_on_reason()
    {
        await MeetingsAsync("2027-01-12");

        foreach (var reason in new[] { null, " ", new string('x', 501), "two\nlines" })
        {
            var invalid = await Should.ThrowAsync<ValidationFailedException>(() =>
                Change().CancelAsync(January12, new CancelMeetingRequest { Reason = reason }, null, CreateMeetingsRelistingTests.Coordinator(), Ct));
            invalid.Errors.Keys.ShouldBe(["reason"]);
        }
    }

    [Fact]
    public async Task Moved_later_its_referrals_stay_with_it_and_referrals_awaiting_a_meeting_are_listed_for_the_new_date()
    {
        await MeetingsAsync("2026-12-22");
        var waiting = await ReferAsync("Quenby");
        (await ReferralAsync(waiting)).Status.ShouldBe(ReferralStatus.AwaitingMeeting);
        await MeetingsAsync("2027-01-12");
        var listed = await ReferAsync("Nowak");
        (await ReferralAsync(listed)).MeetingDate.ShouldBe(new DateOnly(2027, 1, 12));

        await Change().MoveAsync(January12, new MoveMeetingRequest { Date = "2027-01-19" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);
        await RelistAsync();

        var stayed = await ReferralAsync(listed);
        (stayed.Status, stayed.MeetingDate).ShouldBe((ReferralStatus.Listed, new DateOnly(2027, 1, 19)));
        stayed.History.Select(h => (h.From, h.To)).ShouldBe([(ReferralStatus.Listed, ReferralStatus.AwaitingMeeting), (ReferralStatus.AwaitingMeeting, ReferralStatus.Listed)]);
        stayed.History[0].Reason.ShouldBe("meeting iom-2027-01-12 moved to 2027-01-19");
        (await new Audit.AuditKit(Documents).Trail(Documents).ReadAsync(stayed.PersonId, Ct)).Count(r => r.Operation == Application.Audit.AuditOperation.Alteration)
            .ShouldBe(2, "one alteration record per status change");
        (await Documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(PanelCode.Iom, listed), Ct))!.Value.MeetingDate.ShouldBe(new DateOnly(2027, 1, 19));
        (await ReferralAsync(waiting)).MeetingDate.ShouldBe(new DateOnly(2027, 1, 19));
    }

    [Fact]
    public async Task Moved_too_soon_a_referral_goes_to_the_next_meeting_that_gives_it_notice_while_an_emergency_stays()
    {
        await MeetingsAsync("2027-01-12", "2027-01-26");
        var ordinary = await ReferAsync("Quenby");
        var emergency = await ReferAsync("Okafor", emergency: true);
        (await ReferralAsync(emergency)).MeetingDate.ShouldBe(new DateOnly(2027, 1, 12));

        // 29 December is only the 9th working day after 14 December.
        await Change().MoveAsync(January12, new MoveMeetingRequest { Date = "2026-12-29" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);
        await RelistAsync();

        (await ReferralAsync(ordinary)).MeetingDate.ShouldBe(new DateOnly(2027, 1, 26));
        (await ReferralAsync(emergency)).MeetingDate.ShouldBe(new DateOnly(2026, 12, 29));
        (await ReferralAsync(ordinary)).History.Count.ShouldBe(2, "a redelivered relisting changes nothing more");
    }

    [Fact]
    public async Task Cancelled_its_referrals_go_to_the_next_meeting_that_gives_them_notice_else_await_a_meeting()
    {
        await MeetingsAsync("2027-01-12");
        var referral = await ReferAsync("Quenby");

        await Change().CancelAsync(January12, new CancelMeetingRequest { Reason = "Chair unavailable" }, null, CreateMeetingsRelistingTests.Coordinator(), Ct);
        await RelistAsync();

        var waiting = await ReferralAsync(referral);
        (waiting.Status, waiting.MeetingDate).ShouldBe((ReferralStatus.AwaitingMeeting, (DateOnly?)null));
        waiting.History.ShouldHaveSingleItem().Reason.ShouldBe("meeting iom-2027-01-12 cancelled");
        (await Documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(PanelCode.Iom, referral), Ct))!.Value.Status.ShouldBe(ReferralStatus.AwaitingMeeting);

        await MeetingsAsync("2027-02-09");
        await Relisting().HandleAsync(JsonSerializer.Serialize(new RelistPanelMessage(PanelCode.Iom), DocumentJson.Options), "corr", Ct);
        (await ReferralAsync(referral)).MeetingDate.ShouldBe(new DateOnly(2027, 2, 9));
    }

    [Fact]
    public async Task A_referral_left_listed_for_a_day_its_meeting_left_is_relisted_by_the_listing_upkeep()
    {
        await MeetingsAsync("2027-01-12", "2027-01-26");
        var referral = await ReferAsync("Quenby");
        // The meeting moved after the submission read the calendar, and its relisting pass ran before the listing was written.
        var stored = (await Documents.ReadAsync<Meeting>(Meeting.KeyOf(January12), Ct))!;
        await Documents.ReplaceAsync(stored.Key, stored.Value with { Status = MeetingStatus.Cancelled, Sequence = 1 }, stored.ETag, Ct);

        var report = await new ReferralListingUpkeep(Documents, new MoveMeetingsApart(Documents),
            new ReferralRelisting(Documents, new Audit.AuditKit(Documents).Trail(Documents)), new MeetingCalendar(Documents),
            new WorkingDayCalendar(), Options.Create(new ReferralOptions()), time).HandleAsync(Ct);

        report.Relisted.ShouldBe(1);
        (await ReferralAsync(referral)).MeetingDate.ShouldBe(new DateOnly(2027, 1, 26));
    }

    [Fact]
    public async Task A_meeting_stored_before_ids_and_cancelling_reads_as_scheduled_never_changed_with_its_date_as_id()
    {
        var key = Meeting.KeyOf(January12);
        await Documents.CommitAsync(key.Container, key.Partition, [new CreateWrite(key.Id, "meeting", JsonDocument.Parse(
            """{"panel":"iom","date":"2027-01-12","startTime":"10:00:00","location":"Room 1","createdBy":"c","createdAt":"2026-12-01T09:00:00+00:00"}""").RootElement)], Ct);

        var meeting = (await Documents.ReadAsync<Meeting>(key, Ct))!.Value;

        (meeting.Id(), meeting.Status, meeting.Sequence, meeting.MovedFrom()).ShouldBe((January12, MeetingStatus.Scheduled, 0, (DateOnly?)null));
        (await new MeetingCalendar(Documents).UpcomingAsync(PanelCode.Iom, new DateOnly(2026, 12, 14), Ct)).ShouldBe([meeting]);
    }
}
