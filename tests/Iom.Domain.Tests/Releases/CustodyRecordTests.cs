using Iom.Domain.Releases;

namespace Iom.Domain.Tests.Releases;

public sealed class CustodyRecordTests
{
    private const string Person = "feedfacefeedfacefeedfacefeedface";
    private static readonly DateOnly Today = new(2026, 12, 14);
    private static readonly DateTimeOffset Noon = new(2026, 12, 14, 12, 0, 0, TimeSpan.Zero);

    private static CustodyEvent Event(string id, ReleaseReason reason, DateOnly date, DateTimeOffset? at = null, string prison = "SWI") =>
        new(id, reason, prison, date, at ?? Noon, ReleaseSource.Prison);

    private static CustodyRecord Apply(params CustodyEvent[] events) =>
        events.Aggregate(CustodyRecord.Empty(Person), (record, e) => record.Apply(e, Today).Record);

    public static TheoryData<ReleaseReason, int, CustodyStatus, ReleaseAlertKind?, bool> Reasons => new()
    {
        // reason, release date relative to today, status after, alert due, reminders scheduled
        { ReleaseReason.Released, 0, CustodyStatus.Released, ReleaseAlertKind.Released, false },
        { ReleaseReason.Released, -3, CustodyStatus.Released, ReleaseAlertKind.Released, false },
        { ReleaseReason.Released, 20, CustodyStatus.InCustody, null, true },
        { ReleaseReason.ReleasedToHospital, 0, CustodyStatus.ReleasedToHospital, ReleaseAlertKind.ReleasedToHospital, false },
        { ReleaseReason.ReleasedToHospital, 5, CustodyStatus.InCustody, null, true },
        { ReleaseReason.Transferred, 0, CustodyStatus.Transferred, ReleaseAlertKind.Transferred, false },
        { ReleaseReason.TemporaryAbsenceRelease, 0, CustodyStatus.NotKnown, null, false },
        { ReleaseReason.SentToCourt, 0, CustodyStatus.NotKnown, null, false },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void Each_reason_sets_the_status_and_says_which_alert_or_reminders_are_due(
        ReleaseReason reason, int days, CustodyStatus status, ReleaseAlertKind? alert, bool reminders)
    {
        var change = CustodyRecord.Empty(Person).Apply(Event("n1", reason, Today.AddDays(days)), Today);

        change.Record.Status.ShouldBe(status);
        change.Record.History.ShouldHaveSingleItem().NotificationId.ShouldBe("n1");
        change.Effects.OfType<CustodyAlertDue>().SingleOrDefault()?.Kind.ShouldBe(alert!.Value);
        change.Effects.OfType<CustodyAlertDue>().Any().ShouldBe(alert is not null);
        change.Effects.OfType<ReleaseRemindersDue>().Any().ShouldBe(reminders);
        change.Record.ExpectedRelease?.Date.ShouldBe(Today.AddDays(days));
        (change.Record.ExpectedRelease is not null).ShouldBe(reminders);
        change.Outcome.ShouldBe(reason is ReleaseReason.TemporaryAbsenceRelease or ReleaseReason.SentToCourt ? CustodyOutcome.RecordedOnly : CustodyOutcome.Applied);
    }

    [Fact]
    public void A_release_to_hospital_is_marked_for_health_whether_it_happened_or_is_expected()
    {
        var expected = CustodyRecord.Empty(Person).Apply(Event("n1", ReleaseReason.ReleasedToHospital, Today.AddDays(3)), Today);
        expected.Record.ExpectedRelease.ShouldNotBeNull().ForHealth.ShouldBeTrue();

        var happened = expected.Record.Apply(Event("n2", ReleaseReason.ReleasedToHospital, Today, Noon.AddHours(1)), Today);
        happened.Effects.ShouldHaveSingleItem().ShouldBe(new CustodyAlertDue(ReleaseAlertKind.ReleasedToHospital, Today, Noon.AddHours(1)));
        happened.Record.ExpectedRelease.ShouldBeNull();
    }

    [Fact]
    public void Reminders_are_scheduled_28_14_2_days_before_and_on_the_day_leaving_out_days_already_passed()
    {
        ReleaseReminderDays.Schedule(Today.AddDays(40), Today).Select(r => (r.DaysBefore, r.DueOn)).ShouldBe(
            [(28, Today.AddDays(12)), (14, Today.AddDays(26)), (2, Today.AddDays(38)), (0, Today.AddDays(40))]);
        ReleaseReminderDays.Schedule(Today.AddDays(10), Today).Select(r => r.DaysBefore).ShouldBe([2, 0]);
        ReleaseReminderDays.Schedule(Today.AddDays(14), Today).Select(r => r.DaysBefore).ShouldBe([14, 2, 0]);
        ReleaseReminderDays.Schedule(Today.AddDays(1), Today).Select(r => r.DaysBefore).ShouldBe([0]);
    }

    [Fact]
    public void A_late_older_event_is_kept_in_the_history_but_does_not_undo_a_newer_one()
    {
        var released = Apply(Event("newer", ReleaseReason.Released, Today, Noon));

        var late = released.Apply(Event("older", ReleaseReason.Transferred, Today.AddDays(-1), Noon.AddDays(-1), "DHI"), Today);

        late.Outcome.ShouldBe(CustodyOutcome.Older);
        late.Effects.ShouldBeEmpty();
        late.Record.Status.ShouldBe(CustodyStatus.Released);
        late.Record.PrisonCode.ShouldBe("SWI");
        late.Record.DecidedBy!.NotificationId.ShouldBe("newer");
        late.Record.History.Select(e => e.NotificationId).ShouldBe(["older", "newer"]);
    }

    [Fact]
    public void A_late_older_expected_release_does_not_move_the_date_a_newer_one_set()
    {
        var record = Apply(Event("newer", ReleaseReason.Released, Today.AddDays(30), Noon));

        var late = record.Apply(Event("older", ReleaseReason.Released, Today.AddDays(20), Noon.AddHours(-2)), Today);

        late.Effects.ShouldBeEmpty();
        late.Record.ExpectedRelease!.Date.ShouldBe(Today.AddDays(30));
    }

    [Fact]
    public void Events_at_the_same_instant_end_in_the_same_state_whichever_arrives_first_a_release_winning_over_a_transfer()
    {
        var release = Event("b-release", ReleaseReason.Released, Today, Noon);
        var transfer = Event("a-transfer", ReleaseReason.Transferred, Today, Noon, "DHI");

        var releaseFirst = Apply(release, transfer);
        var transferFirst = Apply(transfer, release);

        releaseFirst.Status.ShouldBe(CustodyStatus.Released);
        transferFirst.Status.ShouldBe(CustodyStatus.Released);
        releaseFirst.ShouldBeEquivalentTo(transferFirst);
    }

    [Fact]
    public void Two_expected_releases_at_the_same_instant_are_decided_by_notification_id_whichever_arrives_first()
    {
        var a = Event("a", ReleaseReason.Released, Today.AddDays(20), Noon);
        var b = Event("b", ReleaseReason.Released, Today.AddDays(30), Noon);

        Apply(a, b).ExpectedRelease!.Date.ShouldBe(Today.AddDays(30));
        Apply(b, a).ExpectedRelease!.Date.ShouldBe(Today.AddDays(30));
    }

    [Fact]
    public void An_expected_release_moved_then_released_schedules_new_reminders_then_raises_one_release_alert()
    {
        var expected = CustodyRecord.Empty(Person).Apply(Event("n1", ReleaseReason.Released, Today.AddDays(30), Noon), Today);
        expected.Effects.ShouldHaveSingleItem().ShouldBeOfType<ReleaseRemindersDue>().Date.ShouldBe(Today.AddDays(30));

        var moved = expected.Record.Apply(Event("n2", ReleaseReason.Released, Today.AddDays(20), Noon.AddHours(1)), Today);
        var reminders = moved.Effects.ShouldHaveSingleItem().ShouldBeOfType<ReleaseRemindersDue>();
        reminders.Date.ShouldBe(Today.AddDays(20));
        reminders.Reminders.Select(r => r.DaysBefore).ShouldBe([14, 2, 0]);
        moved.Record.ExpectedRelease!.NotificationId.ShouldBe("n2");
        moved.Record.Remind(Today.AddDays(30), 28, Today.AddDays(2)).Decision.ShouldBe(ReminderDecision.Drop);

        var sameDateAgain = moved.Record.Apply(Event("n3", ReleaseReason.Released, Today.AddDays(20), Noon.AddHours(2)), Today);
        sameDateAgain.Effects.ShouldBeEmpty();

        var released = sameDateAgain.Record.Apply(Event("n4", ReleaseReason.Released, Today.AddDays(20), Noon.AddDays(20)), Today.AddDays(20));
        released.Effects.ShouldHaveSingleItem().ShouldBe(new CustodyAlertDue(ReleaseAlertKind.Released, Today.AddDays(20), Noon.AddDays(20)));
        released.Record.ExpectedRelease.ShouldBeNull();
        released.Record.Remind(Today.AddDays(20), 0, Today.AddDays(20)).Decision.ShouldBe(ReminderDecision.Drop);
    }

    [Fact]
    public void A_transfer_updates_the_prison_and_stops_the_reminders_of_an_expected_release()
    {
        var expected = Apply(Event("n1", ReleaseReason.Released, Today.AddDays(30), Noon));

        var transferred = expected.Apply(Event("n2", ReleaseReason.Transferred, Today, Noon.AddHours(1), "DHI"), Today);

        transferred.Effects.ShouldHaveSingleItem().ShouldBe(new CustodyAlertDue(ReleaseAlertKind.Transferred, Today, Noon.AddHours(1)));
        transferred.Record.Status.ShouldBe(CustodyStatus.Transferred);
        transferred.Record.PrisonCode.ShouldBe("DHI");
        transferred.Record.ExpectedRelease.ShouldBeNull();
        transferred.Record.Remind(Today.AddDays(30), 2, Today.AddDays(28)).Decision.ShouldBe(ReminderDecision.Drop);
    }

    [Fact]
    public void A_temporary_absence_or_court_appearance_changes_nothing_but_the_history()
    {
        var expected = Apply(Event("n1", ReleaseReason.Released, Today.AddDays(30), Noon));

        var court = expected.Apply(Event("n2", ReleaseReason.SentToCourt, Today, Noon.AddHours(1), "DHI"), Today);
        var absence = court.Record.Apply(Event("n3", ReleaseReason.TemporaryAbsenceRelease, Today, Noon.AddHours(2)), Today);

        absence.Effects.ShouldBeEmpty();
        absence.Record.ShouldBe(expected with { History = absence.Record.History });
        absence.Record.History.Count.ShouldBe(3);
    }

    [Fact]
    public void The_same_notification_applied_twice_changes_nothing_the_second_time()
    {
        var first = CustodyRecord.Empty(Person).Apply(Event("n1", ReleaseReason.Released, Today), Today);

        var again = first.Record.Apply(Event("n1", ReleaseReason.Released, Today), Today);

        again.Outcome.ShouldBe(CustodyOutcome.AlreadyApplied);
        again.Effects.ShouldBeEmpty();
        again.Record.ShouldBeSameAs(first.Record);
    }

    [Fact]
    public void The_same_release_reported_by_a_second_door_is_kept_without_a_second_alert()
    {
        var byPrison = Apply(Event("prison", ReleaseReason.Released, Today, Noon));

        var national = byPrison.Apply(Event("national", ReleaseReason.Released, Today, Noon.AddMinutes(1)), Today);

        national.Outcome.ShouldBe(CustodyOutcome.SameRelease);
        national.Effects.ShouldBeEmpty();
    }

    [Fact]
    public void The_history_is_capped_at_the_newest_events_and_the_deciding_event_met_again_changes_nothing()
    {
        var record = Apply(Event("decider", ReleaseReason.Released, Today, Noon));
        for (var i = 0; i < CustodyRecord.HistoryLimit; i++)
        {
            record = record.Apply(Event($"court-{i:D3}", ReleaseReason.SentToCourt, Today, Noon.AddMinutes(i + 1)), Today).Record;
        }

        record.History.Count.ShouldBe(CustodyRecord.HistoryLimit);
        record.HasApplied("decider").ShouldBeFalse();

        var again = record.Apply(Event("decider", ReleaseReason.Released, Today, Noon), Today);
        again.Outcome.ShouldBe(CustodyOutcome.Older);
        again.Effects.ShouldBeEmpty();
        again.Record.History.Count.ShouldBe(CustodyRecord.HistoryLimit);
    }

    [Fact]
    public void A_reminder_goes_on_its_day_once_not_before_and_not_when_a_nearer_one_is_due_too()
    {
        var date = Today.AddDays(40);
        var record = Apply(Event("n1", ReleaseReason.Released, date));

        record.Remind(date, 28, date.AddDays(-29)).Decision.ShouldBe(ReminderDecision.NotYet);
        var (sent, decision) = record.Remind(date, 28, date.AddDays(-28));
        decision.ShouldBe(ReminderDecision.Send);
        sent.ExpectedRelease!.RemindersSent.ShouldBe([28]);
        sent.Remind(date, 28, date.AddDays(-28)).Decision.ShouldBe(ReminderDecision.Drop);

        // The 14-day reminder still pending on the 2-day one's day: only the nearer goes.
        sent.Remind(date, 14, date.AddDays(-2)).Decision.ShouldBe(ReminderDecision.Drop);
        sent.Remind(date, 2, date.AddDays(-2)).Decision.ShouldBe(ReminderDecision.Send);
        sent.Remind(date, 0, date.AddDays(1)).Decision.ShouldBe(ReminderDecision.Drop);
        sent.Remind(date.AddDays(1), 0, date.AddDays(1)).Decision.ShouldBe(ReminderDecision.Drop);
    }
}
