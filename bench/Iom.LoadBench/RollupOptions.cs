using System.Globalization;

namespace Iom.LoadBench;

/// <param name="Sizes">People seeded, one fresh store and one child process per size.</param>
/// <param name="Changes">Documents changed on each measured day (new referrals, decisions, acknowledgements, memberships ended).</param>
/// <param name="Repetitions">Repetitions of each measured phase (the median is reported); the nightly run is measured on as many routine nights.</param>
/// <param name="InProcess">Measure in this process instead of a child per size (the smoke test: its peak memory is then the test host's).</param>
/// <param name="RecomputeOnly">Seed, then measure only the full recompute and its baseline: no first night and no routine
/// nights (the first night at 100,000 people is a long rebuild that the recompute does not need).</param>
internal sealed record RollupOptions(IReadOnlyList<int> Sizes, int Changes = 500, int Repetitions = 3, bool InProcess = false, bool RecomputeOnly = false)
{
    public static RollupOptions Default { get; } = new([1_000, 10_000, 100_000]);

    public static RollupOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--sizes" when i + 1 < args.Count => options with { Sizes = [.. args[++i].Split(',').Select(s => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture))] },
                "--changes" when i + 1 < args.Count => options with { Changes = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture) },
                "--repetitions" when i + 1 < args.Count => options with { Repetitions = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture) },
                "--in-process" => options with { InProcess = true },
                "--phases" when i + 1 < args.Count => args[++i] switch
                {
                    "all" => options with { RecomputeOnly = false },
                    "recompute" => options with { RecomputeOnly = true },
                    var phases => throw new ArgumentException($"Unknown --phases {phases}: all or recompute."),
                },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; see bench/README.md."),
            };
        }

        if (options.Sizes.Count == 0 || options.Sizes.Any(s => s < 1) || options.Repetitions < 1)
        {
            throw new ArgumentException("--sizes needs at least one size of 1 or more, and --repetitions 1 or more.");
        }

        return options;
    }
}
