using System.Diagnostics;

namespace Iom.Functions.Tests.Infrastructure;

public sealed class BicepTests
{
    private const string BicepVersion = "0.49.2";

    [Fact]
    public async Task The_infrastructure_template_compiles_with_the_bicep_cli()
    {
        File.ReadAllText(await BuildAsync()).ShouldContain("Microsoft.Web/sites");
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
