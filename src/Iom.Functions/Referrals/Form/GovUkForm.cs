using System.Globalization;
using Iom.Domain.Wire;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Referrals.Form;

/// <summary>
/// What every GOV.UK form of the app does the same way: read a posted text or a date in three boxes, list an
/// enumeration's wire names as choices, and show posted values and errors (keyed by the API's JSON paths) beside their
/// fields and in the error summary, in page order. The referral form and the prison link's release form use it.
/// </summary>
internal static class GovUkForm
{
    public static string? Text(IFormCollection form, string name) =>
        form[name].FirstOrDefault() is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>
    /// The three boxes <c>{name}-day</c>, <c>-month</c>, <c>-year</c> as the API's YYYY-MM-DD. All empty is "no date" (the
    /// validator asks for one); anything else that is not a real date is reported here under <paramref name="path"/>, on
    /// the parts that are wrong, as the Design System does.
    /// </summary>
    /// <param name="label">How the messages name the date, capitalised: "Date of birth".</param>
    public static (string? Date, DateParts PartsInError) ReadDate(
        IFormCollection form, string name, string path, string label, Dictionary<string, string[]> errors)
    {
        var day = Text(form, $"{name}-day");
        var month = Text(form, $"{name}-month");
        var year = Text(form, $"{name}-year");
        if (day is null && month is null && year is null)
        {
            return (null, DateParts.None);
        }

        var missing = (day is null ? DateParts.Day : 0) | (month is null ? DateParts.Month : 0) | (year is null ? DateParts.Year : 0);
        if (missing != DateParts.None)
        {
            var names = new[] { (DateParts.Day, "day"), (DateParts.Month, "month"), (DateParts.Year, "year") }
                .Where(p => missing.HasFlag(p.Item1)).Select(p => p.Item2);
            errors[path] = [$"{label} must include a {string.Join(" and ", names)}"];
            return (null, missing);
        }

        if (year!.Length != 4 || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < 1)
        {
            errors[path] = ["Year must include 4 numbers"];
            return (null, DateParts.Year);
        }

        var m = Number(month!);
        var d = Number(day!);
        var wrong = (m is >= 1 and <= 12 ? 0 : DateParts.Month)
            | (d is >= 1 && d <= (m is >= 1 and <= 12 ? DateTime.DaysInMonth(y, m.Value) : 31) ? 0 : DateParts.Day);
        if (wrong != DateParts.None)
        {
            errors[path] = [$"{label} must be a real date"];
            return (null, wrong);
        }

        return (new DateOnly(y, m!.Value, d!.Value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), DateParts.None);

        static int? Number(string text) =>
            text.Length <= 2 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>
    /// The page's fields: <paramref name="values"/> as posted (or a new form's defaults), each with its first error, and
    /// the error summary's links in page order. <paramref name="datePartsInError"/> says, by a date field's name, which of
    /// its boxes the form found wrong (none named: every box of a date in error is marked).
    /// </summary>
    public static FormView View(
        IReadOnlyList<FormField> fields, IFormCollection values, IReadOnlyDictionary<string, string[]> errors,
        IReadOnlyDictionary<string, DateParts> datePartsInError)
    {
        var shown = new Dictionary<string, object>(StringComparer.Ordinal);
        var summary = new List<ErrorLink>();
        foreach (var field in fields)
        {
            var raw = values[field.Name];
            var message = errors.Where(e => e.Key == field.Path || e.Key.StartsWith(field.Path + "[", StringComparison.Ordinal))
                                .SelectMany(e => e.Value).FirstOrDefault();
            if (message is not null && field.WhenBlank is not null && string.IsNullOrWhiteSpace(raw.ToString()))
            {
                message = field.WhenBlank;
            }

            if (field.Kind == FieldKind.Date)
            {
                var found = datePartsInError.GetValueOrDefault(field.Name);
                var parts = message is null ? DateParts.None : found == DateParts.None ? DateParts.All : found;
                var date = new DateFieldView(field.Name, message,
                    DatePart(values, field.Name, "day", parts.HasFlag(DateParts.Day)),
                    DatePart(values, field.Name, "month", parts.HasFlag(DateParts.Month)),
                    DatePart(values, field.Name, "year", parts.HasFlag(DateParts.Year)));
                shown[field.Name] = date;
                if (message is not null)
                {
                    summary.Add(new ErrorLink(message, $"#{new[] { date.Day, date.Month, date.Year }.First(p => p.Error).Id}"));
                }

                continue;
            }

            var chosen = raw.Where(v => v is not null).ToHashSet(StringComparer.Ordinal);
            var items = field.Options.Select((o, i) => new ItemView(i == 0 ? field.Name : $"{field.Name}-{i + 1}", o.Value, o.Text, o.Hint, chosen.Contains(o.Value))).ToList();
            shown[field.Name] = new FieldView(field.Name, field.Kind == FieldKind.Text ? raw.ToString() : null, message, items);
            if (message is not null)
            {
                summary.Add(new ErrorLink(message, $"#{field.Name}"));
            }
        }

        // Anything keyed outside the form's fields is still said, once, rather than lost.
        var known = fields.Select(f => f.Path).ToList();
        summary.AddRange(errors.Where(e => !known.Any(p => e.Key == p || e.Key.StartsWith(p + "[", StringComparison.Ordinal)))
                               .Select(e => new ErrorLink(e.Value.FirstOrDefault() ?? "This is not valid", null)));
        return new FormView(shown, summary);
    }

    // An enumerated field's values are its wire names, the same the JSON API and the validator accept.
    public static List<FormOption> Options<TEnum>(Dictionary<TEnum, (string Text, string? Hint)> labels)
        where TEnum : struct, Enum =>
        Options(WireNames.All<TEnum>(), labels.ToDictionary(l => WireNames.Of(l.Key), l => l.Value));

    public static List<FormOption> Options(IReadOnlyList<string> vocabulary, Dictionary<string, (string Text, string? Hint)> labels) =>
        vocabulary.Select(v => labels.TryGetValue(v, out var label)
            ? new FormOption(v, label.Text, label.Hint)
            : throw new InvalidOperationException($"The form has no label for '{v}'.")).ToList();

    private static DatePartView DatePart(IFormCollection values, string field, string part, bool error)
    {
        var name = $"{field}-{part}";
        return new DatePartView(name, values[name].ToString(), error);
    }
}
