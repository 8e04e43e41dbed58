namespace Iom.LoadBench;

/// <param name="MonthReceivedMoved">How far the month to date's <c>referrals.received</c> moved in this night's rollup.</param>
internal sealed record NightResult(DateOnly Night, int Changes, int NewReferrals, int Decisions, int Acknowledgements, int MembershipsEnded,
    PhaseMeasure Apply, PhaseMeasure Run, int Periods, decimal MonthReceivedMoved);
