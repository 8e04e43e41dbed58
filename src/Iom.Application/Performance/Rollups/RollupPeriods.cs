using Iom.Application.Errors;
using Iom.Domain.Performance;

namespace Iom.Application.Performance.Rollups;

/// <summary>Reads a period name from a route: 400 with the field's error when it is not one.</summary>
public static class RollupPeriods
{
    public static ReportingPeriod Parse(string? name) =>
        ReportingPeriod.TryParse(name, out var period)
            ? period
            : throw new ValidationFailedException(new Dictionary<string, string[]>
            {
                ["period"] = ["Enter a period as a month (2026-11), a quarter (2026-Q3) or a financial year (FY2026-27)."],
            });

    public static RefusalException NotComputed() =>
        new(RefusalKind.NotFound, "rollup-not-computed", "That period's rollup has not been computed yet.");
}
