using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Panels;

public sealed class PanelActionTests
{
    private static readonly WorkingDayCalendar Calendar = new();
    private static readonly DateTimeOffset At = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

    private static PanelAction Action(DateOnly due, PanelActionStatus status = PanelActionStatus.Open) =>
        new("iom-2026-11-10-action-1", PanelCode.Iom, "iom-2026-11-10", "Check in", "owner-oid", due, null, status, At);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_owner_completes_an_open_action_and_it_records_when_and_by_whom()
    {
        var done = Action(D(2026, 12, 20)).Complete(At.AddHours(1), "OWNER-OID", byCoordinator: false);

        done.Status.ShouldBe(PanelActionStatus.Done);
        (done.CompletedAt, done.CompletedBy).ShouldBe((At.AddHours(1), "OWNER-OID"));
    }

    [Fact]
    public void A_coordinator_completes_anyones_action()
    {
        Action(D(2026, 12, 20)).Complete(At, "coordinator-oid", byCoordinator: true).CompletedBy.ShouldBe("coordinator-oid");
    }

    [Fact]
    public void Someone_else_is_refused_with_not_action_owner()
    {
        Should.Throw<PanelActionRefusedException>(() => Action(D(2026, 12, 20)).Complete(At, "someone-else", byCoordinator: false))
            .Reason.ShouldBe(PanelActionRefusedException.NotOwner);
    }

    [Fact]
    public void A_done_action_cannot_be_completed_again_even_by_a_coordinator()
    {
        Should.Throw<PanelActionRefusedException>(() => Action(D(2026, 12, 20), PanelActionStatus.Done).Complete(At, "coordinator-oid", byCoordinator: true))
            .Reason.ShouldBe(PanelActionRefusedException.AlreadyDone);
    }

    [Theory]
    // Due Wed 23 Dec 2026: first reminded Mon 21 Dec; then every working day after 23 Dec, skipping Christmas (25, 28 Dec) and the weekend.
    [InlineData("2026-12-23", "2026-12-21 2026-12-24 2026-12-29 2026-12-30 2026-12-31 2027-01-04 2027-01-05")]
    // Due Tue 29 Dec 2026: Fri 25 and Mon 28 are bank holidays, so one working day before is Thu 24 and two is Wed 23 Dec.
    [InlineData("2026-12-29", "2026-12-23 2026-12-30 2026-12-31 2027-01-04 2027-01-05")]
    // Due Mon 6 Apr 2026 (Easter Monday): two working days before are Wed 1 Apr (Good Friday 3 Apr is a bank holiday).
    [InlineData("2026-04-06", "2026-04-01 2026-04-07 2026-04-08 2026-04-09 2026-04-10 2026-04-13 2026-04-14 2026-04-15 2026-04-16 2026-04-17 2026-04-20")]
    public void An_open_action_is_reminded_two_working_days_before_its_due_date_and_every_working_day_after_it(string due, string days)
    {
        var action = Action(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
        var from = action.DueDate.AddDays(-14);
        var expected = days.Split(' ').Select(d => DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var reminded = Enumerable.Range(0, (expected[^1].DayNumber - from.DayNumber) + 1).Select(from.AddDays).Where(d => action.ReminderDueOn(d, Calendar)).ToList();

        reminded.ShouldBe(expected);
    }

    [Fact]
    public void A_done_action_is_never_reminded()
    {
        var action = Action(D(2026, 12, 23), PanelActionStatus.Done);

        Enumerable.Range(0, 30).Select(i => D(2026, 12, 10).AddDays(i)).Where(d => action.ReminderDueOn(d, Calendar)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_action_reminded_on_a_day_falls_due_before_that_days_reminder_window_ends()
    {
        var due = D(2026, 12, 1);
        for (var i = 0; i < 120; i++, due = due.AddDays(1))
        {
            var action = Action(due);
            for (var today = due.AddDays(-10); today <= due.AddDays(3); today = today.AddDays(1))
            {
                if (action.ReminderDueOn(today, Calendar))
                {
                    due.ShouldBeLessThan(PanelAction.ReminderWindowEnd(today, Calendar), $"due {due}, reminded {today}");
                }
            }
        }
    }
}
