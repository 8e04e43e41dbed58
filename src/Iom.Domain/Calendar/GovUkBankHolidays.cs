using System.Globalization;
using System.Text.Json;

namespace Iom.Domain.Calendar;

/// <summary>
/// Reads England-and-Wales bank holidays from GOV.UK's bank-holiday JSON, so newly announced years (and one-off
/// days) can be supplied to <see cref="WorkingDayCalendar"/> by configuration. The caller reads the file or feed.
/// </summary>
public static class GovUkBankHolidays
{
    private const string Division = "england-and-wales";

    /// <summary>
    /// Parses either shape GOV.UK publishes: the calendar source data (alphagov/calendars,
    /// <c>{"divisions":{"england-and-wales":{"2021":[{"date":"01/01/2021",…}],…}}}</c>, dates dd/mm/yyyy, one array
    /// per year) or the public feed at www.gov.uk/bank-holidays.json
    /// (<c>{"england-and-wales":{"events":[{"date":"2021-01-01",…}]}}</c>, ISO dates).
    /// </summary>
    /// <returns>The bank holidays of every year present, by year.</returns>
    /// <exception cref="FormatException">The JSON is not in either shape, or a date is malformed or filed under the wrong year.</exception>
    public static IReadOnlyDictionary<int, IReadOnlyList<DateOnly>> ParseEnglandAndWales(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("divisions", out var divisions)
                && divisions.ValueKind == JsonValueKind.Object
                && divisions.TryGetProperty(Division, out var byYear)
                && byYear.ValueKind == JsonValueKind.Object)
            {
                return ParseSourceData(byYear);
            }

            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty(Division, out var feed)
                && feed.ValueKind == JsonValueKind.Object
                && feed.TryGetProperty("events", out var events)
                && events.ValueKind == JsonValueKind.Array)
            {
                return events.EnumerateArray()
                    .Select(e => ParseDate(e, "yyyy-MM-dd"))
                    .GroupBy(d => d.Year)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<DateOnly>)[.. g]);
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"The bank-holiday file is not valid JSON: {e.Message}", e);
        }

        throw new FormatException($"The bank-holiday file has no \"{Division}\" division in either GOV.UK shape");
    }

    // The division object mixes year arrays with "slug" and "title" strings: only the arrays are years.
    private static Dictionary<int, IReadOnlyList<DateOnly>> ParseSourceData(JsonElement byYear)
    {
        var years = new Dictionary<int, IReadOnlyList<DateOnly>>();
        foreach (var property in byYear.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            if (!int.TryParse(property.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                throw new FormatException($"\"{property.Name}\" in the bank-holiday file is not a year");
            }

            var dates = property.Value.EnumerateArray().Select(e => ParseDate(e, "dd/MM/yyyy")).ToList();
            var misfiled = dates.Where(d => d.Year != year).ToList();
            if (misfiled.Count > 0)
            {
                throw new FormatException($"Bank holidays filed under {year} fall in another year: {string.Join(", ", misfiled)}");
            }

            years[year] = dates;
        }

        return years;
    }

    private static DateOnly ParseDate(JsonElement holiday, string format)
    {
        var text = holiday.ValueKind == JsonValueKind.Object && holiday.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String
            ? date.GetString()
            : null;
        return DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed
            : throw new FormatException($"A bank holiday's date \"{text}\" is not in the form {format}");
    }
}
