using Iom.Adapters.Cosmos;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Persistence.Tests.Registration;

public sealed class CosmosRegistrationTests(CosmosDbServerFixture server) : IClassFixture<CosmosDbServerFixture>
{
    private static OptionsValidationException InvalidOptions(Dictionary<string, string?> settings)
    {
        using var services = CosmosDbServerFixture.BuildServices(settings);
        return Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<CosmosOptions>>().Value);
    }

    [Fact]
    public void Options_with_both_an_endpoint_and_a_connection_string_are_refused()
    {
        var settings = server.Settings();
        settings["Cosmos:AccountEndpoint"] = "https://iom.documents.azure.com:443/";

        InvalidOptions(settings).Message.ShouldContain("exactly one of AccountEndpoint and ConnectionString");
    }

    [Fact]
    public void Options_with_neither_an_endpoint_nor_a_connection_string_are_refused()
    {
        InvalidOptions([]).Message.ShouldContain("exactly one of AccountEndpoint and ConnectionString");
    }

    [Fact]
    public void Accepting_a_self_signed_certificate_is_refused_for_an_endpoint_that_is_not_loopback()
    {
        InvalidOptions(new()
        {
            ["Cosmos:AccountEndpoint"] = "https://iom.documents.azure.com:443/",
            ["Cosmos:AcceptSelfSignedCertificate"] = "true",
        }).Message.ShouldContain("only allowed for a loopback endpoint");
    }

    [Fact]
    public void An_empty_database_name_is_refused()
    {
        var settings = server.Settings();
        settings["Cosmos:DatabaseName"] = "";

        InvalidOptions(settings).Message.ShouldContain(nameof(CosmosOptions.DatabaseName));
    }

    [Fact]
    public async Task The_health_check_is_healthy_when_the_database_can_be_read()
    {
        await using var services = CosmosDbServerFixture.BuildServices(server.Settings());

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Entries["cosmos"].Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task The_document_store_and_the_change_feed_are_both_registered()
    {
        await using var services = CosmosDbServerFixture.BuildServices(server.Settings());

        services.GetRequiredService<IDocumentStore>().ShouldBeOfType<CosmosDocumentStore>();
        services.GetRequiredService<IDocumentChangeFeed>().ShouldBeOfType<CosmosDocumentChangeFeed>();
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_when_the_database_does_not_exist_and_may_not_be_created()
    {
        var settings = server.Settings();
        settings["Cosmos:CreateResourcesIfNotExists"] = "false";
        settings["Cosmos:DatabaseName"] = "missing-" + Guid.NewGuid().ToString("N");
        await using var services = CosmosDbServerFixture.BuildServices(settings);

        var report = await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Entries["cosmos"].Status.ShouldBe(HealthStatus.Unhealthy);
    }
}
