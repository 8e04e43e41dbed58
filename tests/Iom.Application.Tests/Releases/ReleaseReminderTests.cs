using Iom.Application.Ports.Documents;
using Iom.Application.Releases;
using Iom.Application.Releases.Custody;
using Iom.Domain.Releases;

namespace Iom.Application.Tests.Releases;

/// <summary>
/// An expected release is reminded of 28, 14 and 2 days before and on the day, by the hourly timer with the clock set,
/// each reminder once whatever retries and redeliveries happen; a moved date moves them, a transfer stops them.
/// </summary>
public sealed class ReleaseReminderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // 09:00 UTC on Mon 14 Dec 2026 (GMT, so London too).
    private readonly CustodyKit kit = new("2026-12-14T09:00:00Z");

    public void Dispose() => kit.Dispose();

    private async Task ExpectAsync(string eventId, DateOnly date, ReleaseReason reason = ReleaseReason.Released)
    {
        var id = await kit.NotifyAsync(eventId, reason, date);
        await kit.ApplyAsync(id);
        await kit.StoreQueuedRemindersAsync();
    }

    /// <summary>
    /// Moves the clock to <paramref name="hourUtc"/>:05 on each day from tomorrow through <paramref name="last"/> (winter:
    /// the same hour in London), runs <paramref name="eachDay"/>, then the timer twice.
    /// </summary>
    private async Task<List<ReleaseAlertDue>> RunDaysAsync(DateOnly last, int hourUtc = 7, Func<DateOnly, Task>? eachDay = null)
    {
        var raised = new List<ReleaseAlertDue>();
        for (var day = kit.Today.AddDays(1); day <= last; day = day.AddDays(1))
        {
            kit.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(hourUtc, 5)), TimeSpan.Zero));
            if (eachDay is not null)
            {
                await eachDay(day);
            }

            await kit.Reminders.HandleAsync(Ct);
            await kit.Reminders.HandleAsync(Ct);
            raised.AddRange(await kit.AlertsAsync());
        }

        return raised;
    }

    private async Task<int> PendingRemindersAsync() =>
        (await kit.Documents.ReadPartitionAsync<ReleaseReminder>(Containers.Operations, CustodyDocuments.RemindersPartition, Ct).ToListAsync(Ct)).Count;

    [Fact]
    public async Task An_expected_release_is_reminded_of_28_14_and_2_days_before_and_on_the_day_once_each_though_the_timer_runs_twice_and_messages_are_redelivered()
    {
        var date = kit.Today.AddDays(40);
        var id = await kit.NotifyAsync("swi-1", ReleaseReason.Released, date);
        await kit.ApplyAsync(id);
        var scheduling = await kit.DrainAsync(CustodyQueues.Reminders);
        foreach (var body in scheduling.Concat(scheduling))
        {
            await kit.StoreReminders.HandleAsync(body, Ct);
        }

        await kit.Custody().HandleAsync(CustodyKit.Message(id), Ct);
        var raised = await RunDaysAsync(date.AddDays(1));

        raised.Select(a => (a.DaysBefore, DateOnly.FromDateTime(a.OccurredAt.UtcDateTime))).ShouldBe(
            [(28, date.AddDays(-28)), (14, date.AddDays(-14)), (2, date.AddDays(-2)), (0, date)]);
        raised.ShouldAllBe(a => a.Kind == ReleaseAlertKind.ExpectedRelease && a.ReleaseDate == date && a.NotificationId == id && a.PersonId == CustodyKit.Person);
        raised.Select(a => a.AlertId).ShouldBe([.. new[] { 28, 14, 2, 0 }.Select(d => CustodyDocuments.ReminderAlertIdOf(CustodyKit.Person, date, d))]);
        (await kit.RecordAsync())!.ExpectedRelease!.RemindersSent.ShouldBe([28, 14, 2, 0]);
        (await PendingRemindersAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_days_reminders_wait_for_seven_in_the_morning_london_time_in_summer_as_in_winter()
    {
        // Tue 20 Jul 2027 is BST: 07:00 London is 06:00 UTC.
        kit.Time.SetUtcNow(new DateTimeOffset(2027, 7, 10, 9, 0, 0, TimeSpan.Zero));
        await ExpectAsync("swi-1", new DateOnly(2027, 7, 22));

        kit.Time.SetUtcNow(new DateTimeOffset(2027, 7, 20, 5, 59, 0, TimeSpan.Zero));
        (await kit.Reminders.HandleAsync(Ct)).Sent.ShouldBe(0);
        kit.Time.SetUtcNow(new DateTimeOffset(2027, 7, 20, 6, 0, 0, TimeSpan.Zero));
        (await kit.Reminders.HandleAsync(Ct)).Sent.ShouldBe(1);

        (await kit.AlertsAsync()).ShouldHaveSingleItem().DaysBefore.ShouldBe(2);
    }

    [Fact]
    public async Task A_release_learnt_ten_days_ahead_is_reminded_of_only_two_days_before_and_on_the_day()
    {
        var date = kit.Today.AddDays(10);
        await ExpectAsync("swi-1", date);

        var raised = await RunDaysAsync(date);

        raised.Select(a => a.DaysBefore).ShouldBe([2, 0]);
    }

    [Fact]
    public async Task A_timer_down_for_days_raises_only_the_nearest_reminder_due_when_it_runs_again()
    {
        var date = kit.Today.AddDays(40);
        await ExpectAsync("swi-1", date);

        kit.Time.SetUtcNow(new DateTimeOffset(date.AddDays(-13).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var report = await kit.Reminders.HandleAsync(Ct);

        report.Sent.ShouldBe(1);
        report.Dropped.ShouldBe(1);
        (await kit.AlertsAsync()).ShouldHaveSingleItem().DaysBefore.ShouldBe(14);
    }

    [Fact]
    public async Task A_moved_date_drops_the_old_reminders_and_sends_the_new_ones()
    {
        var start = kit.Today;
        var first = start.AddDays(40);
        var moved = start.AddDays(50);
        await ExpectAsync("swi-1", first);

        var raised = await RunDaysAsync(moved, eachDay: async day =>
        {
            if (day == start.AddDays(20) && (await kit.RecordAsync())!.ExpectedRelease!.Date == first)
            {
                await ExpectAsync("swi-2", moved);
            }
        });

        raised.Select(a => (a.ReleaseDate, a.DaysBefore)).ShouldBe([(first, 28), (moved, 28), (moved, 14), (moved, 2), (moved, 0)]);
        (await PendingRemindersAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_transfer_stops_the_reminders_and_tells_only_of_the_transfer()
    {
        var start = kit.Today;
        var date = start.AddDays(40);
        await ExpectAsync("swi-1", date);

        var raised = await RunDaysAsync(date, eachDay: async day =>
        {
            if (day == start.AddDays(15) && (await kit.RecordAsync())!.Status == CustodyStatus.InCustody)
            {
                await kit.ApplyAsync(await kit.NotifyAsync("swi-2", ReleaseReason.Transferred, day));
            }
        });

        raised.Select(a => (a.Kind, a.DaysBefore)).ShouldBe([(ReleaseAlertKind.ExpectedRelease, 28), (ReleaseAlertKind.Transferred, (int?)null)]);
        (await PendingRemindersAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_release_reported_before_the_expected_date_stops_the_remaining_reminders()
    {
        var date = kit.Today.AddDays(20);
        await ExpectAsync("swi-1", date);

        var raised = await RunDaysAsync(date, eachDay: async day =>
        {
            if (day == date.AddDays(-5) && (await kit.RecordAsync())!.Status == CustodyStatus.InCustody)
            {
                await kit.ApplyAsync(await kit.NotifyAsync("swi-2", ReleaseReason.Released, day));
            }
        });

        raised.Select(a => (a.Kind, a.DaysBefore)).ShouldBe([(ReleaseAlertKind.ExpectedRelease, 14), (ReleaseAlertKind.Released, (int?)null)]);
    }
}
