using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Domain.Tests.Panels;

public sealed class MeetingRulesTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static readonly TimeOnly Ten = new(10, 0);

    // Monday 14 December 2026, 09:00 in London (GMT).
    private static readonly DateTimeOffset Now = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private static string RuleOf(Action change) => Should.Throw<MeetingRuleException>(change).Rule;

    [Fact]
    public void A_scheduled_meeting_still_ahead_can_be_changed()
    {
        Should.NotThrow(() => MeetingRules.RequireChangeable(MeetingStatus.Scheduled, D(2026, 12, 14), new TimeOnly(9, 1), Now));
    }

    [Fact]
    public void A_meeting_that_has_begun_in_london_time_counts_as_held_and_cannot_be_changed()
    {
        // 10:00 on 1 July is 09:00 UTC (BST): at 09:30 UTC the meeting has begun.
        RuleOf(() => MeetingRules.RequireChangeable(MeetingStatus.Scheduled, D(2027, 7, 1), Ten, new DateTimeOffset(2027, 7, 1, 9, 30, 0, TimeSpan.Zero)))
            .ShouldBe(MeetingRules.Held);
        RuleOf(() => MeetingRules.RequireChangeable(MeetingStatus.Scheduled, D(2026, 12, 8), Ten, Now)).ShouldBe(MeetingRules.Held);
    }

    [Fact]
    public void A_cancelled_meeting_cannot_be_changed_again_and_that_is_a_conflict_with_its_state()
    {
        var refused = Should.Throw<MeetingRuleException>(() => MeetingRules.RequireChangeable(MeetingStatus.Cancelled, D(2027, 1, 12), Ten, Now));

        refused.Rule.ShouldBe(MeetingRules.Cancelled);
        refused.StateConflict.ShouldBeTrue();
    }

    [Theory]
    [InlineData(2026, 12, 11, MeetingRules.DateInPast)]
    [InlineData(2026, 12, 19, MeetingRules.NotAWorkingDay)] // Saturday
    [InlineData(2026, 12, 28, MeetingRules.NotAWorkingDay)] // Boxing Day substitute bank holiday
    [InlineData(2027, 1, 1, MeetingRules.NotAWorkingDay)] // New Year's Day
    public void A_move_to_a_past_day_a_weekend_or_a_bank_holiday_is_refused_naming_the_rule(int year, int month, int day, string rule)
    {
        var refused = Should.Throw<MeetingRuleException>(() =>
            MeetingRules.RequireMovable(D(year, month, day), Ten, changesSomething: true, panelMeetsThatDay: false, Calendar, Now));

        refused.Rule.ShouldBe(rule);
        refused.StateConflict.ShouldBeFalse();
    }

    [Fact]
    public void A_move_to_earlier_today_is_in_the_past()
    {
        RuleOf(() => MeetingRules.RequireMovable(D(2026, 12, 14), new TimeOnly(8, 30), true, false, Calendar, Now)).ShouldBe(MeetingRules.DateInPast);
        Should.NotThrow(() => MeetingRules.RequireMovable(D(2026, 12, 14), new TimeOnly(14, 0), true, false, Calendar, Now));
    }

    [Fact]
    public void A_move_to_a_day_the_panel_already_meets_is_refused()
    {
        RuleOf(() => MeetingRules.RequireMovable(D(2027, 1, 19), Ten, true, panelMeetsThatDay: true, Calendar, Now)).ShouldBe(MeetingRules.PanelAlreadyMeets);
    }

    [Fact]
    public void A_move_that_changes_nothing_is_refused_and_one_to_a_free_working_day_ahead_is_allowed()
    {
        RuleOf(() => MeetingRules.RequireMovable(D(2027, 1, 19), Ten, changesSomething: false, false, Calendar, Now)).ShouldBe(MeetingRules.NothingChanged);
        Should.NotThrow(() => MeetingRules.RequireMovable(D(2027, 1, 19), Ten, true, false, Calendar, Now));
    }
}
