using System.Globalization;
using System.Text;

namespace Iom.LoadBench;

/// <param name="LoadBefore">The machine's load averages (1, 5, 15 min) when the run started.</param>
/// <param name="LoadAfter">And when it ended.</param>
internal sealed record RollupBenchReport(RollupOptions Options, IReadOnlyList<RollupSizeResult> Sizes, string LoadBefore, string LoadAfter, int Cores)
{
    /// <summary>The goals of issue 12: a full recompute at 100,000 people under 10 s and 1 GiB.</summary>
    public const int GoalPeople = 100_000;

    public const double GoalRecomputeMs = 10_000;

    public const long GoalRecomputeBytes = 1L << 30;

    /// <summary>The nightly run with 10× the history takes at most 1.5× the time.</summary>
    public const double GoalNightlyGrowth = 1.5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static double RecomputeMs(RollupSizeResult size) => Median(size.Recomputes.Select(m => m.Ms));

    public static double NightlyMs(RollupSizeResult size) => Median(size.Nights.Select(n => n.Run.Ms));

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"{Cores} cores; load average {LoadBefore} at the start, {LoadAfter} at the end. Each size in a fresh store and a child process of its own; medians of {Options.Repetitions}; peak = the process's peak resident memory during the phase (its high-water mark reset just before).");
        text.AppendLine();
        text.AppendLine("| people | referrals | memberships | alerts | circulations / actions | offending records | documents in the store | store file | seeding |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in Sizes)
        {
            text.AppendLine(Invariant,
                $"| {s.People:N0} | {s.Referrals:N0} | {s.Memberships:N0} | {s.Alerts:N0} | {s.Circulations:N0} / {s.Actions:N0} | {s.OffendingRecords:N0} | {s.Documents:N0} | {Mib(s.StoreBytes)} | {s.Seed.Ms / 1000:0.0} s |");
        }

        text.AppendLine();
        text.AppendLine("Full recompute of the financial year (`RecomputeRollup`, as `POST …/recompute`) against the baseline: every fact-bearing document read once (`ReadKindAsync`, no fold).");
        text.AppendLine();
        text.AppendLine("| people | baseline read | its peak | full recompute | its peak | allocated | recompute ÷ baseline | FY referrals counted (seeded) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in Sizes)
        {
            var baseline = Median(s.Baselines.Select(m => m.Ms));
            text.AppendLine(Invariant,
                $"| {s.People:N0} | {Ms(baseline)} | {Mib(s.Baselines.Max(m => m.PeakBytes))} | {Ms(RecomputeMs(s))} | {Mib(s.Recomputes.Max(m => m.PeakBytes))} | {Mib((long)Median(s.Recomputes.Select(m => (double)m.AllocatedBytes)))} | {RecomputeMs(s) / baseline:0.0}× | {s.RecomputedReceived:N0} ({s.ExpectedReceived:N0}) |");
        }

        // With --phases recompute no night ran: there is no nightly table, and the growth table says so.
        var measuredNights = Sizes.Where(s => s.Nights.Count > 0).ToList();
        if (measuredNights.Count > 0)
        {
            NightlyTable(text, measuredNights);
        }

        if (Sizes.All(s => s.NewMonth is not null))
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"The first night (no state yet: a full rebuild, writing every fact and due day to the index in batched commits), and the first night of a new month with the state kept (after a day of {Options.Changes:N0} changes on the month's last day; the new month's accumulator seeded from the fact index).");
            text.AppendLine();
            text.AppendLine("| people | first night: rebuild | its peak | facts indexed | periods | new month's night | its peak | allocated | periods (seeded) | applying that day | month ended moved by (new) |");
            text.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
            foreach (var s in Sizes)
            {
                var m = s.NewMonth!;
                text.AppendLine(Invariant,
                    $"| {s.People:N0} | {Ms(s.FirstNight.Ms)} | {Mib(s.FirstNight.PeakBytes)} | {m.FirstNightFacts:N0} | {s.FirstNightPeriods} | {Ms(m.Night.Run.Ms)} ({m.Night.Night:yyyy-MM-dd}) | {Mib(m.Night.Run.PeakBytes)} | {Mib(m.Night.Run.AllocatedBytes)} | {m.Night.Periods} ({(m.Rebuilt ? "rebuilt" : string.Join(", ", m.Seeded))}) | {Ms(m.Night.Apply.Ms)} | {m.Night.MonthReceivedMoved:0} ({m.Night.NewReferrals}) |");
            }
        }

        text.AppendLine();
        text.AppendLine("Growth (each size against the one before):");
        text.AppendLine();
        text.AppendLine("| people | baseline read | full recompute | recompute peak | nightly run | nightly peak |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 1; i < Sizes.Count; i++)
        {
            var (a, b) = (Sizes[i - 1], Sizes[i]);
            text.AppendLine(Invariant,
                $"| {a.People:N0} → {b.People:N0} ({(double)b.People / a.People:0.#}×) | {Median(b.Baselines.Select(m => m.Ms)) / Median(a.Baselines.Select(m => m.Ms)):0.0}× | {RecomputeMs(b) / RecomputeMs(a):0.0}× | {(double)b.Recomputes.Max(m => m.PeakBytes) / a.Recomputes.Max(m => m.PeakBytes):0.0}× | {NightGrowth(a, b)} |");
        }

        text.AppendLine();
        foreach (var line in Goals())
        {
            text.AppendLine("- " + line);
        }

        return text.ToString();
    }

    /// <summary>The two goals, each met, not met or not measured, with the figures.</summary>
    public IEnumerable<string> Goals()
    {
        var goal = Sizes.FirstOrDefault(s => s.People == GoalPeople);
        if (goal is null)
        {
            yield return string.Create(Invariant, $"Full recompute at {GoalPeople:N0} people under 10 s and 1 GiB: not measured in this run (sizes {string.Join(", ", Sizes.Select(s => s.People.ToString("N0", Invariant)))}).");
        }
        else
        {
            var peak = goal.Recomputes.Max(m => m.PeakBytes);
            var met = RecomputeMs(goal) < GoalRecomputeMs && peak < GoalRecomputeBytes;
            yield return string.Create(Invariant, $"Full recompute at {GoalPeople:N0} people under 10 s and 1 GiB: {(met ? "met" : "not met")} ({RecomputeMs(goal) / 1000:0.0} s, peak {Mib(peak)}).");
        }

        var nighted = Sizes.Where(s => s.Nights.Count > 0).ToList();
        var pairs = nighted.SelectMany(a => nighted.Where(b => b.People == a.People * 10).Select(b => (a, b))).ToList();
        if (pairs.Count == 0)
        {
            yield return Options.RecomputeOnly
                ? "The nightly run with 10× the history in at most 1.5× the time: not measured (--phases recompute)."
                : "The nightly run with 10× the history in at most 1.5× the time: not measured (no two sizes 10× apart).";
        }

        foreach (var (a, b) in pairs)
        {
            var growth = NightlyMs(b) / NightlyMs(a);
            yield return string.Create(Invariant,
                $"The nightly run with 10× the history in at most 1.5× the time, {a.People:N0} → {b.People:N0} people: {(growth <= GoalNightlyGrowth ? "met" : "not met")} ({Ms(NightlyMs(a))} → {Ms(NightlyMs(b))}, {growth:0.0}×).");
        }
    }

    private static string NightGrowth(RollupSizeResult a, RollupSizeResult b) =>
        a.Nights.Count == 0 || b.Nights.Count == 0
            ? "not run | not run"
            : string.Create(Invariant, $"{NightlyMs(b) / NightlyMs(a):0.0}× | {(double)b.Nights.Max(n => n.Run.PeakBytes) / a.Nights.Max(n => n.Run.PeakBytes):0.0}×");

    private void NightlyTable(StringBuilder text, IReadOnlyList<RollupSizeResult> sizes)
    {
        text.AppendLine();
        text.AppendLine(Invariant, $"Nightly run (`NightlyRollups.RunAsync` as registered) on {Options.Repetitions} routine nights, each after a day of {Options.Changes:N0} changes, against applying those changes (the baseline).");
        text.AppendLine();
        text.AppendLine("| people | changes (new / decided / acknowledged / ended) | applying them | nightly run | its peak | allocated | periods | nightly ÷ applying | month's referrals moved by (new) |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var s in sizes)
        {
            var last = s.Nights[^1];
            var apply = Median(s.Nights.Select(n => n.Apply.Ms));
            text.AppendLine(Invariant,
                $"| {s.People:N0} | {last.Changes} ({last.NewReferrals} / {last.Decisions} / {last.Acknowledgements} / {last.MembershipsEnded}) | {Ms(apply)} | {Ms(NightlyMs(s))} | {Mib(s.Nights.Max(n => n.Run.PeakBytes))} | {Mib((long)Median(s.Nights.Select(n => (double)n.Run.AllocatedBytes)))} | {last.Periods} | {NightlyMs(s) / apply:0.0}× | {string.Join(", ", s.Nights.Select(n => $"{n.MonthReceivedMoved:0} ({n.NewReferrals})"))} |");
        }
    }

    private static string Ms(double ms) => ms >= 10_000 ? (ms / 1000).ToString("0.0 's'", Invariant) : ms.ToString("#,0 'ms'", Invariant);

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("#,0 'MiB'", Invariant);
}
