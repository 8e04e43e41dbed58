using Iom.Domain.Calendar;
using Iom.Domain.Panels;

namespace Iom.Domain.Tests.Panels;

public sealed class MeetingListingTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void At_christmas_a_referral_on_14_december_misses_the_29_december_meeting_and_is_listed_for_12_january()
    {
        // 15-18, 21-24 Dec are 8 working days and 25 and 28 Dec are bank holidays: 29 Dec is only the 9th.
        DateOnly[] meetings = [D(2026, 12, 29), D(2027, 1, 12)];

        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: false, meetings, Calendar).ShouldBe(D(2027, 1, 12));
    }

    [Fact]
    public void At_christmas_an_emergency_referral_on_14_december_is_listed_for_29_december()
    {
        DateOnly[] meetings = [D(2027, 1, 12), D(2026, 12, 29)];

        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: true, meetings, Calendar).ShouldBe(D(2026, 12, 29));
    }

    [Fact]
    public void A_referral_exactly_10_working_days_before_the_meeting_is_listed_and_one_working_day_later_is_not()
    {
        // Tue 8 Dec 2026 - 10 working days is Tue 24 Nov (25-27 Nov, 30 Nov-4 Dec, 7-8 Dec).
        DateOnly[] meetings = [D(2026, 12, 8), D(2027, 1, 12)];
        Calendar.AddWorkingDays(D(2026, 12, 8), -10).ShouldBe(D(2026, 11, 24));

        MeetingListing.ChooseMeeting(D(2026, 11, 24), emergency: false, meetings, Calendar).ShouldBe(D(2026, 12, 8));
        MeetingListing.ChooseMeeting(D(2026, 11, 25), emergency: false, meetings, Calendar).ShouldBe(D(2027, 1, 12));
    }

    [Fact]
    public void A_referral_made_at_the_weekend_before_the_cutoff_day_counts_as_made_in_time()
    {
        // Meeting Tue 8 Dec 2026: the cutoff is Tue 24 Nov; a weekend referral before it is in time.
        MeetingListing.ChooseMeeting(D(2026, 11, 22), emergency: false, [D(2026, 12, 8)], Calendar).ShouldBe(D(2026, 12, 8));
    }

    [Fact]
    public void In_2022_the_spring_holiday_moved_to_2_and_3_june_so_a_referral_on_31_may_misses_the_14_june_meeting()
    {
        // Counting back 10 working days from Tue 14 Jun 2022 skips Thu 2 and Fri 3 Jun (jubilee) but counts
        // Mon 30 May, which was an ordinary working day that year: the cutoff is Fri 27 May.
        DateOnly[] meetings = [D(2022, 6, 14), D(2022, 7, 12)];

        MeetingListing.ChooseMeeting(D(2022, 5, 27), emergency: false, meetings, Calendar).ShouldBe(D(2022, 6, 14));
        MeetingListing.ChooseMeeting(D(2022, 5, 31), emergency: false, meetings, Calendar).ShouldBe(D(2022, 7, 12));
    }

    [Fact]
    public void Had_the_2022_spring_holiday_stayed_on_the_last_monday_of_may_a_referral_on_31_may_would_have_made_14_june()
    {
        // The usual 2022 list: the spring holiday on Mon 30 May and no jubilee days.
        var usualRules = new WorkingDayCalendar(new Dictionary<int, IReadOnlyList<DateOnly>>
        {
            [2022] = [D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 5, 30), D(2022, 8, 29), D(2022, 12, 26), D(2022, 12, 27)],
        });

        MeetingListing.ChooseMeeting(D(2022, 5, 31), emergency: false, [D(2022, 6, 14), D(2022, 7, 12)], usualRules).ShouldBe(D(2022, 6, 14));
    }

    [Fact]
    public void With_no_meetings_the_referral_awaits_one()
    {
        MeetingListing.ChooseMeeting(D(2026, 11, 24), emergency: false, [], Calendar).ShouldBeNull();
        MeetingListing.ChooseMeeting(D(2026, 11, 24), emergency: true, [], Calendar).ShouldBeNull();
    }

    [Fact]
    public void With_no_meeting_far_enough_ahead_the_referral_awaits_one()
    {
        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: false, [D(2026, 12, 29)], Calendar).ShouldBeNull();
    }

    [Fact]
    public void Meetings_before_the_submission_date_are_never_chosen_even_in_an_emergency()
    {
        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: true, [D(2026, 12, 8), D(2026, 12, 11)], Calendar).ShouldBeNull();
    }

    [Fact]
    public void An_emergency_referral_can_be_listed_for_a_meeting_on_the_same_day()
    {
        MeetingListing.ChooseMeeting(D(2026, 12, 8), emergency: true, [D(2027, 1, 12), D(2026, 12, 8)], Calendar).ShouldBe(D(2026, 12, 8));
    }

    [Fact]
    public void The_earliest_qualifying_meeting_is_chosen_whatever_order_the_meetings_come_in()
    {
        DateOnly[] meetings = [D(2027, 3, 9), D(2027, 1, 12), D(2027, 2, 9), D(2026, 12, 29)];

        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: false, meetings, Calendar).ShouldBe(D(2027, 1, 12));
    }

    [Fact]
    public void The_cutoff_is_a_parameter()
    {
        DateOnly[] meetings = [D(2026, 12, 29), D(2027, 1, 12)];

        MeetingListing.ChooseMeeting(D(2026, 12, 14), emergency: false, meetings, Calendar, cutoffWorkingDays: 9).ShouldBe(D(2026, 12, 29));
        Should.Throw<ArgumentOutOfRangeException>(() => MeetingListing.ChooseMeeting(D(2026, 12, 14), false, meetings, Calendar, cutoffWorkingDays: -1));
    }

    [Fact]
    public void A_referral_stays_with_its_moved_meeting_when_the_new_date_still_gives_it_10_working_days()
    {
        // Submitted 14 Dec, listed for 12 Jan; the meeting moves to 19 Jan although 14 Jan would also do.
        MeetingListing.Relist(D(2026, 12, 14), emergency: false, sameMeetingNow: D(2027, 1, 19), [D(2027, 1, 14), D(2027, 1, 19)], Calendar)
            .ShouldBe(D(2027, 1, 19));
    }

    [Fact]
    public void A_referral_whose_meeting_moves_too_soon_goes_to_the_next_meeting_that_gives_it_notice_else_awaits_one()
    {
        // The meeting moves from 12 Jan to 29 Dec, only the 9th working day after 14 Dec.
        MeetingListing.Relist(D(2026, 12, 14), false, D(2026, 12, 29), [D(2026, 12, 29), D(2027, 1, 26)], Calendar).ShouldBe(D(2027, 1, 26));
        MeetingListing.Relist(D(2026, 12, 14), false, D(2026, 12, 29), [D(2026, 12, 29)], Calendar).ShouldBeNull();
    }

    [Fact]
    public void An_emergency_referral_stays_with_its_meeting_moved_sooner_since_it_needs_no_notice()
    {
        MeetingListing.Relist(D(2026, 12, 14), emergency: true, D(2026, 12, 15), [D(2026, 12, 15), D(2027, 1, 26)], Calendar).ShouldBe(D(2026, 12, 15));
    }

    [Fact]
    public void A_referral_whose_meeting_is_cancelled_goes_to_the_next_meeting_that_gives_it_notice_else_awaits_one()
    {
        MeetingListing.Relist(D(2026, 12, 14), false, sameMeetingNow: null, [D(2026, 12, 29), D(2027, 1, 26)], Calendar).ShouldBe(D(2027, 1, 26));
        MeetingListing.Relist(D(2026, 12, 14), false, null, [D(2026, 12, 29)], Calendar).ShouldBeNull();
    }
}
