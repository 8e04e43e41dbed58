using Iom.Domain.Calendar;
using Iom.Domain.Tests.Fixtures;

namespace Iom.Domain.Tests.Calendar;

public sealed class GovUkBankHolidaysTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void The_govuk_source_file_yields_every_england_and_wales_year_and_ignores_the_other_divisions()
    {
        var years = GovUkBankHolidays.ParseEnglandAndWales(Fixture.Text("govuk-bank-holidays-2015-2021.json"));

        years.Keys.Order().ShouldBe(Enumerable.Range(2015, 7));
        years.Values.ShouldAllBe(dates => dates.Count == 8);
        years[2020].ShouldContain(D(2020, 5, 8));
        years[2020].ShouldNotContain(D(2020, 5, 4));
        years.Values.SelectMany(d => d).ShouldNotContain(D(2015, 8, 3)); // Scotland's summer holiday
    }

    [Fact]
    public void A_calendar_loaded_from_the_fixture_agrees_with_the_computed_one()
    {
        var loaded = new WorkingDayCalendar(GovUkBankHolidays.ParseEnglandAndWales(Fixture.Text("govuk-bank-holidays-2015-2021.json")));
        var computed = new WorkingDayCalendar();

        for (var year = 2015; year <= 2021; year++)
        {
            loaded.BankHolidays(year).ShouldBe(computed.BankHolidays(year));
        }
    }

    [Fact]
    public void A_published_year_replaces_the_computed_one_and_other_years_stay_computed()
    {
        // A made-up 2026 in the public feed's shape: summer holiday dropped, a one-off Friday 18 September added.
        const string feed = """
            {"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"New Year’s Day","date":"2026-01-01","notes":"","bunting":true},
              {"title":"Good Friday","date":"2026-04-03","notes":"","bunting":false},
              {"title":"Easter Monday","date":"2026-04-06","notes":"","bunting":true},
              {"title":"Early May bank holiday","date":"2026-05-04","notes":"","bunting":true},
              {"title":"Spring bank holiday","date":"2026-05-25","notes":"","bunting":true},
              {"title":"A one-off holiday","date":"2026-09-18","notes":"","bunting":true},
              {"title":"Christmas Day","date":"2026-12-25","notes":"","bunting":true},
              {"title":"Boxing Day","date":"2026-12-28","notes":"Substitute day","bunting":true}]},
             "scotland":{"division":"scotland","events":[{"title":"St Andrew’s Day","date":"2026-11-30","notes":"","bunting":true}]}}
            """;

        var calendar = new WorkingDayCalendar(GovUkBankHolidays.ParseEnglandAndWales(feed));

        calendar.IsWorkingDay(D(2026, 9, 18)).ShouldBeFalse();
        calendar.IsWorkingDay(D(2026, 8, 31)).ShouldBeTrue();
        calendar.IsWorkingDay(D(2026, 11, 30)).ShouldBeTrue();
        calendar.BankHolidays(2027).ShouldBe(new WorkingDayCalendar().BankHolidays(2027));
    }

    [Theory]
    [InlineData("not json", "The bank-holiday file is not valid JSON")]
    [InlineData("""{"scotland":{"events":[]}}""", "The bank-holiday file has no \"england-and-wales\" division in either GOV.UK shape")]
    [InlineData("""{"divisions":{"england-and-wales":{"2026":[{"date":"2026-01-01"}]}}}""", "A bank holiday's date \"2026-01-01\" is not in the form dd/MM/yyyy")]
    [InlineData("""{"england-and-wales":{"events":[{"date":"01/01/2026"}]}}""", "A bank holiday's date \"01/01/2026\" is not in the form yyyy-MM-dd")]
    [InlineData("""{"england-and-wales":{"events":[{"title":"New Year"}]}}""", "A bank holiday's date \"\" is not in the form yyyy-MM-dd")]
    [InlineData("""{"divisions":{"england-and-wales":{"2026":[{"date":"01/01/2027"}]}}}""", "Bank holidays filed under 2026 fall in another year: 01/01/2027")]
    [InlineData("""{"divisions":{"england-and-wales":{"next":[]}}}""", "\"next\" in the bank-holiday file is not a year")]
    public void A_malformed_file_is_refused_with_a_message_saying_what_is_wrong(string json, string message)
    {
        Should.Throw<FormatException>(() => GovUkBankHolidays.ParseEnglandAndWales(json)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void A_calendar_refuses_a_date_filed_under_another_year()
    {
        var years = new Dictionary<int, IReadOnlyList<DateOnly>> { [2026] = [D(2027, 1, 1)] };

        Should.Throw<ArgumentException>(() => new WorkingDayCalendar(years)).Message.ShouldContain("filed under 2026");
    }
}
