using System.Diagnostics;
using System.Text.Json;

namespace Iom.Functions.Tests.Infrastructure;

public sealed class BicepTests
{
    private const string BicepVersion = "0.49.2";

    private static readonly Lazy<Task<JsonElement>> Compiled = new(async () =>
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await BuildAsync()));
        return json.RootElement.Clone();
    });

    [Fact]
    public async Task The_infrastructure_template_compiles_with_the_bicep_cli()
    {
        File.ReadAllText(await BuildAsync()).ShouldContain("Microsoft.Web/sites");
    }

    [Fact]
    public async Task The_linter_with_every_rule_at_error_reports_nothing_about_any_bicep_file()
    {
        var infra = Path.Combine(RepoRoot.Find(), "infra");
        var files = Directory.GetFiles(infra, "*.bicep");
        files.ShouldNotBeEmpty();

        foreach (var file in files)
        {
            var (exitCode, output) = await RunAsync(["lint", file]);

            exitCode.ShouldBe(0, output);
            output.Trim().ShouldBeEmpty($"bicep lint {Path.GetFileName(file)} reported diagnostics");
        }
    }

    [Fact]
    public async Task Building_the_template_reports_no_warning()
    {
        var (exitCode, output) = await RunAsync(["build", Path.Combine(RepoRoot.Find(), "infra", "main.bicep"), "--stdout"]);

        exitCode.ShouldBe(0);
        // --stdout writes the template to standard output; any diagnostic goes to standard error, which RunAsync appends.
        output.ShouldNotContain("Warning");
        output.ShouldNotContain("Error");
    }

    [Fact]
    public void The_bicep_configuration_raises_every_linter_rule_it_names_to_error()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "infra", "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        core.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        var rules = core.GetProperty("rules").EnumerateObject().ToList();

        // The rules Bicep 0.49 knows, including those off by default (which only run when named).
        rules.Count.ShouldBeGreaterThanOrEqualTo(40);
        rules.Where(r => r.Value.GetProperty("level").GetString() != "error").Select(r => r.Name).ShouldBeEmpty();
        rules.Select(r => r.Name).ShouldContain("use-recent-api-versions");
        rules.Select(r => r.Name).ShouldContain("no-hardcoded-env-urls");
        rules.Select(r => r.Name).ShouldContain("use-user-defined-types");
    }

    /// <summary>infra/main.bicep compiled once per test run (the Bicep CLI takes seconds), as ARM JSON.</summary>
    internal static Task<JsonElement> CompiledAsync() => Compiled.Value;

    /// <summary>The resources of a compiled template: an object keyed by symbolic name (language version 2) or an array.</summary>
    internal static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments)
    {
        var psi = new ProcessStartInfo(BicepCli(), arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        // Build --stdout prints the template on standard output: only its diagnostics (standard error) matter then.
        return (process.ExitCode, arguments[0] == "build" ? errors : await output + errors);
    }

    /// <summary>Compiles infra/main.bicep with the Bicep CLI and returns the path of the ARM JSON; fails on any error.</summary>
    internal static async Task<string> BuildAsync()
    {
        var root = RepoRoot.Find();
        var output = Path.Combine(Directory.CreateTempSubdirectory("iom-bicep-").FullName, "main.json");
        var psi = new ProcessStartInfo(BicepCli(), ["build", Path.Combine(root, "infra", "main.bicep"), "--outfile", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        process.ExitCode.ShouldBe(0, errors);
        errors.ShouldNotContain("Error");
        return output;
    }

    // Restored by the test project's <PackageDownload>, so the CLI comes from NuGet like every other tool.
    internal static string BicepCli()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cli = Path.Combine(packages, "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
        File.Exists(cli).ShouldBeTrue($"The Bicep CLI was not restored at {cli}.");
        return cli;
    }
}

public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IomFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IomFunctions.sln was not found above the test output.");
    }
}
