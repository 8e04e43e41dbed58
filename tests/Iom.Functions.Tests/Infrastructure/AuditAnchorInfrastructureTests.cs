using System.Text.Json;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>The anchor container as infra/main.bicep declares it, read from the compiled ARM template.</summary>
public sealed class AuditAnchorInfrastructureTests
{
    private static IEnumerable<JsonElement> Resources(JsonElement template, string type) =>
        BicepTests.Resources(template).Where(r => r.GetProperty("type").GetString() == type);

    [Fact]
    public async Task The_anchor_container_is_write_once_with_appends_allowed_and_the_app_is_told_where_it_is()
    {
        var template = await BicepTests.CompiledAsync();

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
