using System.Globalization;
using System.Text;

namespace Iom.LoadBench;

/// <param name="EndToEndMs">Per completed notification: from its 202 to its last alert e-mail accepted by the mail port.</param>
/// <param name="Incomplete">Notifications answered 202 whose e-mails had not all arrived when the drain period ended.</param>
/// <param name="QueueDepths">The most messages waiting in each queue at any sample (every second) during load and drain.</param>
internal sealed record ReleaseBenchReport(
    ReleaseOptions Options,
    LoadResult App,
    LoadResult Baseline,
    int EmailsPerNotification,
    IReadOnlyList<double> EndToEndMs,
    int Incomplete,
    int IncompleteWithSomeEmails,
    TimeSpan Drained,
    int AlertEmails,
    int RepeatedEmails,
    IReadOnlyList<ReleaseStage> Stages,
    IReadOnlyDictionary<string, int> QueueDepths,
    string Synchronous)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public double EndToEnd(double p) => LoadResult.Percentile(EndToEndMs, p);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Signed `RELEASED` notifications at {Options.Rate:0.#}/s for {Options.Seconds:0.#} s (open loop), each a distinct person in the cohort; {EmailsPerNotification} alert e-mails each.");
        text.AppendLine();
        text.AppendLine("| target | sent | 202 | not 202 | intake p50 / p99 / max (ms) |");
        text.AppendLine("| --- | ---: | ---: | --- | ---: |");
        foreach (var (name, result) in new[] { ("app", App), ("baseline", Baseline) })
        {
            text.AppendLine(Invariant,
                $"| {name} | {result.Statuses.Values.Sum()} | {result.Created} | {result.NotCreatedText} | {result.Percentile(50):0.0} / {result.Percentile(99):0.0} / {result.Percentile(100):0.0} |");
        }

        text.AppendLine();
        text.AppendLine("| app: 202 → last alert e-mail at the mail port | completed | not completed (of which some e-mails arrived) | p50 (ms) | p99 (ms) | max (ms) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        text.AppendLine(Invariant,
            $"| end to end | {EndToEndMs.Count} | {Incomplete} ({IncompleteWithSomeEmails}) | {EndToEnd(50):0} | {EndToEnd(99):0} | {EndToEnd(100):0} |");
        text.AppendLine();
        text.AppendLine("| stage (completed notifications) | from → to | p50 (ms) | p99 (ms) | max (ms) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var stage in Stages)
        {
            text.AppendLine(Invariant,
                $"| {stage.Name} | {stage.Between} | {LoadResult.Percentile(stage.Ms, 50):0} | {LoadResult.Percentile(stage.Ms, 99):0} | {LoadResult.Percentile(stage.Ms, 100):0} |");
        }

        text.AppendLine();
        text.AppendLine(Invariant, $"- End-to-end p99 {EndToEnd(99):0} ms against the goal of < 1,000 ms: {(EndToEnd(99) < 1000 && Incomplete == 0 ? "met" : "not met")}{(Incomplete > 0 ? $" ({Incomplete} of {App.Created} notifications had not all their e-mails {Drained.TotalSeconds:0} s after the load stopped)" : "")}.");
        text.AppendLine(Invariant, $"- Intake p99 {App.Percentile(99):0.0} ms against the goal of < 50 ms: {(App.Percentile(99) < 50 ? "met" : "not met")}; the baseline's {Baseline.Percentile(99):0.0} ms ({Ratio(App.Percentile(99), Baseline.Percentile(99))} the baseline's p99, {Ratio(App.Percentile(50), Baseline.Percentile(50))} its p50).");
        text.AppendLine(Invariant, $"- Alert e-mails at the mail port: {AlertEmails} ({RepeatedEmails} handed over more than once); {(Incomplete > 0 ? $"the drain period ran out {Drained.TotalSeconds:0} s after the load stopped" : $"the last arrived {Drained.TotalSeconds:0} s after the load stopped")}.");
        text.AppendLine(Invariant, $"- Deepest queue backlog seen (messages, sampled every second): {(QueueDepths.Count == 0 ? "none" : string.Join(", ", QueueDepths.OrderByDescending(q => q.Value).Select(q => $"{q.Key} {q.Value}")))}.");
        text.AppendLine(Invariant, $"- SQLite PRAGMA synchronous: {Synchronous} (journal_mode WAL).");
        return text.ToString();
    }

    private static string Ratio(double app, double baseline) => (app / baseline).ToString("0.0×", Invariant);
}
