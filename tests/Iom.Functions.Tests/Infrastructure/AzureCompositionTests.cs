using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Queues;
using Iom.Application.Ports.Secrets;
using Iom.Functions.Composition;
using Iom.Functions.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Infrastructure;

/// <summary>
/// The worker in Azure uses the Azure adapters, which the local host never does: this builds the worker's own
/// registrations with the app settings infra/main.bicep gives (managed identity everywhere, no keys), and checks that
/// every function class can be constructed and every option validates. Nothing here talks to Azure: the SDK clients
/// connect lazily, on first use.
/// </summary>
public sealed class AzureCompositionTests
{
    private static ServiceProvider BuildAzureWorkerServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddShippedDefaults()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage:accountName"] = "iomstorage",
                ["App:PublicBaseUrl"] = "https://iom-func.azurewebsites.net",
                ["Cosmos:AccountEndpoint"] = "https://iom-cosmos.documents.azure.com:443/",
                ["Queues:ServiceUri"] = "https://iomstorage.queue.core.windows.net/",
                ["SendGrid:FromEmail"] = "iom@richmond.gov.uk",
                ["KeyVault:VaultUri"] = "https://iom-kv.vault.azure.net/",
                ["ServiceBus:FullyQualifiedNamespace"] = "iom-sb.servicebus.windows.net",
                ["NationalEvents:ServiceBusQueue"] = "prison-events",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddIomFunctions(configuration, new TestEnvironment());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task The_azure_composition_chooses_the_azure_adapter_for_every_port()
    {
        // The Service Bus publisher owns an AMQP client: the container is disposed asynchronously, as the host does.
        await using var services = BuildAzureWorkerServices();

        services.GetRequiredService<IDocumentStore>().GetType().Name.ShouldBe("CosmosDocumentStore");
        services.GetRequiredService<IQueueSender>().GetType().Name.ShouldBe("StorageQueue");
        services.GetRequiredService<IMailSender>().GetType().Name.ShouldBe("SendGridMailSender");
        services.GetRequiredService<ISecretStore>().GetType().Name.ShouldBe("KeyVaultSecretStore");
        services.GetRequiredService<IIntegrationEventPublisher>().GetType().Name.ShouldBe("ServiceBusIntegrationEventPublisher");
        services.GetRequiredService<INationalEventInbox>().GetType().Name.ShouldBe("ServiceBusNationalEventInbox");
        services.GetRequiredService<Iom.Application.Ports.AuditAnchors.IAuditAnchorStore>().GetType().Name.ShouldBe("BlobAuditAnchorStore");
        // Managed identity on the Functions storage account's blob endpoint, as main.bicep sets AuditAnchors__ServiceUri.
        services.GetRequiredService<IOptions<Iom.Adapters.Blobs.BlobAuditAnchorOptions>>().Value.ServiceUri.ShouldBe(new Uri("https://iomstorage.blob.core.windows.net/"));
    }

    [Fact]
    public async Task The_azure_worker_trusts_identity_only_when_the_platform_says_app_service_authentication_is_on()
    {
        await using var services = BuildAzureWorkerServices();

        // WEBSITE_AUTH_ENABLED is absent from these settings, as in a slot or redeploy without authentication.
        var frontEnd = services.GetRequiredService<IAuthenticationFrontEnd>();
        frontEnd.ShouldBeOfType<AppServiceAuthentication>();
        frontEnd.NotEnforcedReason.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_azure_health_report_checks_the_secrets_the_app_needs_so_a_missing_one_shows_before_first_use()
    {
        await using var services = BuildAzureWorkerServices();

        var checks = services.GetRequiredService<IOptions<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);

        checks.ShouldContain("keyvault");
        checks.ShouldContain("sendgrid");
        checks.ShouldContain("data-protection-kek");
        checks.ShouldContain("audit-chain-key");
    }

    [Fact]
    public async Task Every_function_class_of_the_app_can_be_constructed_by_the_azure_worker_composition()
    {
        await using var services = BuildAzureWorkerServices();
        await using var scope = services.CreateAsyncScope();

        var types = FunctionCatalog.ForApp().Http.Select(f => f.Method.DeclaringType!)
            .Concat(FunctionCatalog.ForApp().Queues.Select(f => f.Method.DeclaringType!))
            .Concat(FunctionCatalog.ForApp().Timers.Select(f => f.Method.DeclaringType!))
            .Distinct()
            .ToList();

        types.Count.ShouldBeGreaterThan(5);
        foreach (var type in types)
        {
            Should.NotThrow(() => ActivatorUtilities.CreateInstance(scope.ServiceProvider, type), type.Name);
        }
    }

    [Fact]
    public async Task A_missing_azure_setting_stops_the_app_at_start_up_with_the_setting_named()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddShippedDefaults()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:PublicBaseUrl"] = "https://iom.example" }).Build();
        services.AddLogging();
        services.AddIomFunctions(configuration, new TestEnvironment());
        await using var provider = services.BuildServiceProvider();

        var failure = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IOptions<Iom.Adapters.Cosmos.CosmosOptions>>().Value);

        failure.Message.ShouldContain("AccountEndpoint");
    }

    [Theory]
    [InlineData("no namespace for it", "prison-events", null, "ServiceBus:FullyQualifiedNamespace")]
    [InlineData("a name Service Bus cannot have", "prison events!", "iom-sb.servicebus.windows.net", "NationalEvents:ServiceBusQueue")]
    public async Task A_national_events_queue_the_app_cannot_drain_stops_the_app_at_start_up_with_the_setting_named(string what, string queue, string? serviceBusNamespace, string named)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddShippedDefaults().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Integration events to a folder, so only the national events queue asks for a namespace.
            ["Events:Provider"] = "Folder",
            ["NationalEvents:ServiceBusQueue"] = queue,
            ["ServiceBus:FullyQualifiedNamespace"] = serviceBusNamespace,
        }).Build();
        services.AddLogging();
        services.AddIomFunctions(configuration, new TestEnvironment());
        await using var provider = services.BuildServiceProvider();

        // What the host runs before it starts: every option registered with ValidateOnStart.
        var thrown = Should.Throw<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate(), what);

        // One failure is thrown as it is, several together.
        var failures = (thrown is AggregateException all ? all.InnerExceptions : [thrown]).OfType<OptionsValidationException>().SelectMany(e => e.Failures);
        failures.ShouldContain(f => f.Contains(named, StringComparison.Ordinal));
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "Iom.Functions";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
