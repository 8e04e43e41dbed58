using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Functions.Http;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>
/// Publishes the function app as azd deploys it (plain <c>dotnet publish -c Release</c>: the project itself chooses
/// linux-x64 and ReadyToRun) and checks the package holds what the Functions host needs to start every function.
/// One publish serves every check (it takes a Release build: minutes on a loaded machine).
/// </summary>
public sealed class PublishTests : IAsyncLifetime
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    private string output = "";

    public async ValueTask InitializeAsync() => output = await Published.Value;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void The_package_holds_the_host_configuration_the_project_ships()
    {
        var shipped = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Find(), "src", "Iom.Functions", "host.json")));
        var packaged = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "host.json")));

        JsonNode.DeepEquals(packaged, shipped).ShouldBeTrue();
        File.Exists(Path.Combine(output, "panels.json")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "assets", "govuk-frontend.min.css")).ShouldBeTrue();
    }

    [Fact]
    public void The_worker_configuration_starts_the_isolated_worker_from_the_package()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        description.GetProperty("language").GetString().ShouldBe("dotnet-isolated");
        var worker = description.GetProperty("defaultWorkerPath").GetString()!;
        File.Exists(Path.Combine(output, worker)).ShouldBeTrue(worker);
        worker.ShouldBe("Iom.Functions.dll");
    }

    [Fact]
    public void The_function_metadata_lists_every_function_of_the_catalog_with_its_trigger()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "functions.metadata")));
        var functions = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone());
        var catalog = FunctionCatalog.ForApp();

        functions.Keys.ShouldBe(catalog.Http.Select(f => f.Name).Concat(catalog.Queues.Select(f => f.Name)).Concat(catalog.Timers.Select(f => f.Name)), ignoreOrder: true);
        foreach (var http in catalog.Http)
        {
            functions[http.Name].GetProperty("type").GetString().ShouldBe("httpTrigger");
            functions[http.Name].GetProperty("route").GetString().ShouldBe(http.Route);
        }

        foreach (var queue in catalog.Queues)
        {
            functions[queue.Name].GetProperty("type").GetString().ShouldBe("queueTrigger");
            functions[queue.Name].GetProperty("queueName").GetString().ShouldBe(queue.QueueName);
        }

        foreach (var timer in catalog.Timers)
        {
            functions[timer.Name].GetProperty("type").GetString().ShouldBe("timerTrigger");
        }
    }

    [Fact]
    public void The_host_extensions_the_triggers_need_are_in_the_package()
    {
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "extensions.json")));
        var hints = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("hintPath").GetString()!).ToList();

        hints.ShouldContain(h => h.Contains("Storage.Queues", StringComparison.Ordinal));
        hints.ShouldAllBe(h => File.Exists(Path.Combine(output, h)));
    }

    [Fact]
    public void The_app_is_published_for_linux_x64_ahead_of_time_compiled_and_framework_dependent()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Iom.Functions.deps.json")));
        deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString().ShouldBe(".NETCoreApp,Version=v10.0/linux-x64");

        using var runtime = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "Iom.Functions.runtimeconfig.json")));
        runtime.RootElement.GetProperty("runtimeOptions").GetProperty("frameworks").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString()).ShouldBe(["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"], ignoreOrder: true);

        var ours = Directory.GetFiles(output, "Iom.*.dll");
        ours.Length.ShouldBeGreaterThan(5);
        ours.Where(file => !IsReadyToRun(file)).Select(Path.GetFileName).ShouldBeEmpty();
    }

    // A ReadyToRun image carries precompiled code, announced by the CLI header's managed native header.
    private static bool IsReadyToRun(string file)
    {
        using var stream = File.OpenRead(file);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<string> PublishAsync()
    {
        // Under the test output, replaced by each run, so runs leave no package behind.
        var output = Path.Combine(AppContext.BaseDirectory, "published-app");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var project = Path.Combine(RepoRoot.Find(), "src", "Iom.Functions", "Iom.Functions.csproj");
        var psi = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // The test host's MSBuild variables would point the child build at the test run's SDK state.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            psi.Environment.Remove(name);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await stdout + stderr);
        return output;
    }
}
