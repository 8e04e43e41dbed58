using Iom.LoadBench;

namespace Iom.Functions.Tests.Benchmarks;

/// <summary>
/// The prison-release benchmark (bench/Iom.LoadBench, <c>releases</c>) run for two seconds at a low rate, so it cannot rot
/// unnoticed: it must still seed people in the cohort, sign notifications the door accepts, see every alert e-mail reach
/// the mail port and produce its tables. Speed is never asserted here.
/// </summary>
public sealed class ReleaseBenchmarkSmokeTests
{
    [Fact]
    public async Task The_release_benchmark_sees_every_notifications_emails_reach_the_mail_port_once_and_reports_its_tables()
    {
        var options = new ReleaseOptions(Rate: 4, Seconds: 2, DrainSeconds: 120);

        var report = await ReleaseBenchmark.RunAsync(options, TextWriter.Null, TestContext.Current.CancellationToken);

        // Every request is a distinct, validly signed release of a person in the cohort: anything but 202 means the
        // harness no longer fits the door.
        report.App.Created.ShouldBe(options.Notifications, report.App.FirstRefusal);
        report.Baseline.Created.ShouldBe(options.Notifications, report.Baseline.FirstRefusal);
        report.Incomplete.ShouldBe(0);
        report.EndToEndMs.Count.ShouldBe(options.Notifications);
        report.AlertEmails.ShouldBe((options.Notifications + 1) * ReleaseBenchmark.EmailsPerNotification, "the warm-up's e-mails and every notification's");
        report.RepeatedEmails.ShouldBe(0);
        report.Stages.Select(s => s.Name).ShouldBe(["matching", "custody", "alert", "first e-mail", "last e-mail"]);
        report.Stages.ShouldAllBe(s => s.Ms.Count == options.Notifications);
        var markdown = report.ToMarkdown();
        markdown.ShouldContain("| app | 8 | 8 | 0 |");
        markdown.ShouldContain("| baseline | 8 | 8 | 0 |");
        markdown.ShouldContain("| end to end | 8 | 0 (0) |");
        markdown.ShouldContain("against the goal of < 1,000 ms");
        markdown.ShouldContain("against the goal of < 50 ms");
    }
}
