using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Referrals;

public sealed class AgeTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void A_year_is_added_on_the_birthday_and_not_the_day_before()
    {
        Age.On(D(2008, 11, 24), D(2026, 11, 23)).ShouldBe(17);
        Age.On(D(2008, 11, 24), D(2026, 11, 24)).ShouldBe(18);
        Age.On(D(2008, 11, 24), D(2026, 12, 31)).ShouldBe(18);
    }

    [Fact]
    public void Someone_born_on_29_february_turns_older_on_1_march_in_a_common_year()
    {
        Age.On(D(2008, 2, 29), D(2026, 2, 28)).ShouldBe(17);
        Age.On(D(2008, 2, 29), D(2026, 3, 1)).ShouldBe(18);
    }

    [Fact]
    public void Someone_born_on_29_february_turns_older_on_29_february_in_a_leap_year()
    {
        Age.On(D(2012, 2, 29), D(2028, 2, 28)).ShouldBe(15);
        Age.On(D(2012, 2, 29), D(2028, 2, 29)).ShouldBe(16);
    }

    [Fact]
    public void The_day_of_birth_is_age_zero_and_a_date_before_birth_is_refused()
    {
        Age.On(D(2026, 1, 1), D(2026, 1, 1)).ShouldBe(0);
        Should.Throw<ArgumentOutOfRangeException>(() => Age.On(D(2026, 1, 2), D(2026, 1, 1)));
    }
}
