namespace Iom.Domain.Performance;

/// <param name="Key">The breakdown's value: a ward's ONS code, an agency id, a category's wire name, <c>all</c>, <c>unknown</c>.</param>
/// <param name="Value">The figure; null when there is nothing to measure (a median of no referrals) or when suppressed.</param>
/// <param name="Provisional">True while the figure can still change by definition (a re-offending follow-up's waiting period has not passed).</param>
/// <param name="Suppressed">True when withheld from this reader (a councillor's small count, or one that would reveal it).</param>
public sealed record MeasureCell(string Key, decimal? Value, bool Provisional = false, bool Suppressed = false);
