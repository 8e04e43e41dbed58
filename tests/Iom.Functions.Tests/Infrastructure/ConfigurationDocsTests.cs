using System.Text.Json;

namespace Iom.Functions.Tests.Infrastructure;

public sealed class ConfigurationDocsTests
{
    [Fact]
    public void Every_key_of_the_sample_settings_is_explained_in_the_readme()
    {
        var root = RepoRoot.Find();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));

        var missing = sample.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => p.Name)
            .Where(key => !readme.Contains($"`{key}`", StringComparison.Ordinal))
            .ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_sample_settings_hold_no_secret_values()
    {
        var root = RepoRoot.Find();
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));

        var suspicious = sample.RootElement.GetProperty("Values").EnumerateObject()
            // A public key (SendGrid's webhook verification key) is no secret.
            .Where(p => p.Name.Contains("Key", StringComparison.OrdinalIgnoreCase) && !p.Name.StartsWith("KeyVault", StringComparison.Ordinal) && !p.Name.EndsWith("PublicKey", StringComparison.Ordinal)
                        || p.Value.GetString()!.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase)
                        || p.Value.GetString()!.StartsWith("SG.", StringComparison.Ordinal))
            .Select(p => p.Name)
            .ToList();

        suspicious.ShouldBeEmpty();
    }
}

public sealed class SolutionTests
{
    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution_so_the_test_command_builds_and_runs_it()
    {
        var root = RepoRoot.Find();
        var solution = File.ReadAllText(Path.Combine(root, "IomFunctions.sln")).Replace('\\', '/');

        var missing = new[] { "src", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .Where(path => !solution.Contains(path, StringComparison.Ordinal))
            .ToList();

        missing.ShouldBeEmpty();
    }
}
