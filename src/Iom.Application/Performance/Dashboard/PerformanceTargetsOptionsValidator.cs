using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Iom.Application.Performance.Dashboard;

/// <summary>
/// Refuses to start with a target the dashboard could not draw: a key that is not a measure's name (a typo would
/// silently draw nothing) or a negative figure (no measure is negative).
/// </summary>
public sealed partial class PerformanceTargetsOptionsValidator : IValidateOptions<PerformanceTargetsOptions>
{
    public ValidateOptionsResult Validate(string? name, PerformanceTargetsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var refused = options.Targets.Where(t => !MeasureName().IsMatch(t.Key) || t.Value < 0).Select(t => t.Key).ToList();
        return refused.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                "Performance:Targets: each key must be a measure's name (lower-case words joined by dots or hyphens, e.g. cohort.size) " +
                $"and each target a number of at least 0. Refused: {string.Join(", ", refused)}.");
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:[.-][a-z0-9]+)*\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MeasureName();
}
