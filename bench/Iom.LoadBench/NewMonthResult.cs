namespace Iom.LoadBench;

/// <summary>
/// The first night of a new month with the state kept (issue 12): after a day of changes on a month's last day, the
/// night that adds the next month, whose accumulator the incremental run seeds from its fact index.
/// </summary>
/// <param name="Night">The measured run's night, and the changes, the day's apply and the run's measure (<see cref="NightResult.MonthReceivedMoved"/> is the month just ended's: the day's new referrals are counted there).</param>
/// <param name="Rebuilt">Whether the run fell back to a full rebuild (it should not).</param>
/// <param name="Seeded">The periods the run seeded from the fact index.</param>
/// <param name="FirstNightFacts">The facts the first night's full rebuild wrote to the index (one per fact-bearing document).</param>
internal sealed record NewMonthResult(NightResult Night, bool Rebuilt, IReadOnlyList<string> Seeded, int FirstNightFacts);
