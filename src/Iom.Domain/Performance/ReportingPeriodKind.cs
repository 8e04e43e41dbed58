using Iom.Domain.Wire;

namespace Iom.Domain.Performance;

/// <summary>The lengths of period the strategic group reads measures over.</summary>
public enum ReportingPeriodKind
{
    /// <summary>A calendar month: <c>2026-11</c>.</summary>
    [WireName("month")] Month,

    /// <summary>A calendar quarter (Q1 = January to March): <c>2026-Q3</c> is July to September 2026.</summary>
    [WireName("quarter")] Quarter,

    /// <summary>A financial year, April to March: <c>FY2026-27</c> is 1 April 2026 to 31 March 2027.</summary>
    [WireName("financial-year")] FinancialYear,
}
