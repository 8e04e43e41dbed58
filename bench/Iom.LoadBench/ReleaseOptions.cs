using System.Globalization;

namespace Iom.LoadBench;

/// <param name="Rate">Signed notifications a second (open loop).</param>
/// <param name="Seconds">How long the load lasts.</param>
/// <param name="DrainSeconds">How long after the load stops the e-mails are waited for; those still missing are reported.</param>
internal sealed record ReleaseOptions(double Rate = 50, double Seconds = 60, double DrainSeconds = 60)
{
    public int Notifications => (int)(Rate * Seconds);

    public static ReleaseOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ReleaseOptions();
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            var value = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--rate" => options with { Rate = value },
                "--seconds" => options with { Seconds = value },
                "--drain" => options with { DrainSeconds = value },
                var unknown => throw new ArgumentException($"Unknown option {unknown}; see bench/README.md."),
            };
        }

        return options;
    }
}
