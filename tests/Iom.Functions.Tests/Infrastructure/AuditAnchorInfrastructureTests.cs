using System.Diagnostics;
using System.Text.Json;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>The anchor container as infra/main.bicep declares it, read from the compiled ARM template.</summary>
public sealed class AuditAnchorInfrastructureTests
{
    private static async Task<JsonElement> CompiledTemplateAsync()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("iom-bicep-anchors-").FullName, "main.json");
        var psi = new ProcessStartInfo(BicepTests.BicepCli(), ["build", Path.Combine(RepoRoot.Find(), "infra", "main.bicep"), "--outfile", output])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.ExitCode.ShouldBe(0, errors);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
        return json.RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template, string type)
    {
        var resources = template.GetProperty("resources");
        // Symbolic-name templates hold resources in an object, older ones in an array.
        var all = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
        return all.Where(r => r.GetProperty("type").GetString() == type);
    }

    [Fact]
    public async Task The_anchor_container_is_write_once_with_appends_allowed_and_the_app_is_told_where_it_is()
    {
        var template = await CompiledTemplateAsync();

        var policy = Resources(template, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").ShouldHaveSingleItem();
        policy.GetProperty("name").GetString()!.ShouldContain("audit-anchors");
        var properties = policy.GetProperty("properties");
        properties.GetProperty("allowProtectedAppendWrites").GetBoolean().ShouldBeTrue();
        properties.GetProperty("immutabilityPeriodSinceCreationInDays").GetString().ShouldBe("[parameters('auditAnchorRetentionDays')]");
        template.GetProperty("parameters").GetProperty("auditAnchorRetentionDays").GetProperty("defaultValue").GetInt32().ShouldBeGreaterThanOrEqualTo(365 * 6);

        var settings = Resources(template, "Microsoft.Web/sites").ShouldHaveSingleItem()
            .GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString());
        settings["AuditAnchors__Provider"].ShouldBe("Blob");
        settings["AuditAnchors__ContainerName"].ShouldBe("audit-anchors");
        settings["AuditAnchors__ServiceUri"]!.ShouldContain("primaryEndpoints.blob");
    }
}
