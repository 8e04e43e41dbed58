namespace Iom.Application.Cohort.Lookup;

/// <summary>What a duty prosecutor asks: exactly one identifier, and the day (null: today in London).</summary>
public sealed record CohortLookupQuery(string? Pnc, string? Cro, string? Noms, DateOnly? On);
