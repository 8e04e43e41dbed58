using System.Globalization;

namespace Iom.Functions.Performance;

/// <summary>
/// An SVG bar chart's geometry, worked out here so the template only writes numbers. A bar is drawn only for a shown
/// figure: a withheld or missing one has no bar and no height, and the scale is taken from the shown figures (and the
/// target) alone, so nothing on the chart depends on a figure the reader may not see.
/// </summary>
public sealed record BarChart(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<BarChart.Bar> Bars,
    IReadOnlyList<BarChart.Tick> Ticks,
    BarChart.TargetLine? Target)
{
    public const int Width = 640;
    public const int Height = 300;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 24;
    private const int Bottom = 44;
    private const double Baseline = Height - Bottom;
    private const double PlotHeight = Height - Top - Bottom;

    // Instance properties: the template reads them from the chart it is given.
    public string ViewBox { get; } = $"0 0 {Width} {Height}";
    public string AxisX1 { get; } = N(Left);
    public string AxisX2 { get; } = N(Width - Right);
    public string AxisY { get; } = N(Baseline);
    public string TitleId => $"{Id}-title";
    public string DescriptionId => $"{Id}-desc";

    /// <param name="Drawn">A figure is shown: the bar's rectangle is written.</param>
    /// <param name="Marker">What stands in the bar's place when there is none ("[c]", "–").</param>
    public sealed record Bar(string Label, string LabelX, string LabelY, string X, string Y, string BarWidth, string BarHeight, bool Drawn, string ValueLabel, string ValueY);

    public sealed record Tick(string Label, string Y, string LabelX);

    public sealed record TargetLine(string Label, string Y, string X1, string X2, string LabelX, string LabelY);

    /// <summary>One bar per point, in order.</summary>
    /// <param name="points">Each bar's axis label, its value (null: no bar) and the text above it (the figure, or the marker in its place).</param>
    public static BarChart Of(string id, string title, string description, IReadOnlyList<(string Label, decimal? Value, string Text)> points, decimal? target, Func<decimal, string> format)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(format);
        var highest = points.Where(p => p.Value is not null).Select(p => p.Value!.Value).Append(target ?? 0).DefaultIfEmpty(0).Max();
        var top = NiceCeiling(highest);
        var slot = (double)(Width - Left - Right) / Math.Max(points.Count, 1);
        var barWidth = slot * 0.6;

        double YOf(decimal value) => Baseline - (PlotHeight * (double)(Math.Max(value, 0) / top));

        var bars = points.Select((p, i) =>
        {
            var x = Left + (slot * i) + ((slot - barWidth) / 2);
            var y = p.Value is { } v ? YOf(v) : Baseline;
            return new Bar(p.Label, N(Left + (slot * i) + (slot / 2)), N(Baseline + 18), N(x), N(y), N(barWidth), N(Baseline - y), p.Value is not null, p.Text, N(y - 6));
        }).ToList();

        var ticks = new[] { 0m, top / 2, top }.Select(t => new Tick(format(t), N(YOf(t)), N(Left - 6))).ToList();
        var line = target is { } goal
            ? new TargetLine($"Target {format(goal)}", N(YOf(goal)), N(Left), N(Width - Right), N(Width - Right), N(YOf(goal) - 6))
            : null;
        return new BarChart(id, title, description, bars, ticks, line);
    }

    /// <summary>1, 2 or 5 times a power of ten at or above the value, so the axis reads in round figures.</summary>
    private static decimal NiceCeiling(decimal value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)value)));
        foreach (var step in new[] { 1m, 2m, 5m, 10m })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
