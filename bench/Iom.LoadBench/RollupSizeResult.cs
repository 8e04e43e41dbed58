namespace Iom.LoadBench;

/// <param name="Documents">Every document in the store (offending records, rollups and run records included).</param>
/// <param name="RecomputedReceived">The full recompute's <c>referrals.received</c> total for the financial year.</param>
/// <param name="ExpectedReceived">The referrals seeded and added with a received date in that year, to today.</param>
/// <param name="NewMonth">The first night of the next month, measured after the recompute (the state kept: seeded, not rebuilt).</param>
internal sealed record RollupSizeResult(
    int Size, int Changes, int People, int OffendingRecords, int Referrals, int Memberships, int Alerts, int Circulations, int Actions,
    KindCounts Read, long Documents, long StoreBytes, PhaseMeasure Seed, PhaseMeasure FirstNight, int FirstNightPeriods,
    IReadOnlyList<NightResult> Nights, IReadOnlyList<PhaseMeasure> Baselines, IReadOnlyList<PhaseMeasure> Recomputes,
    string FinancialYear, decimal RecomputedReceived, int ExpectedReceived, long ProcessPeakBytes, NewMonthResult? NewMonth = null);
