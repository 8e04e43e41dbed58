using Azure.Storage.Queues;
using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.StorageQueues;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Persistence.Tests.Registration;

public sealed class StorageQueueRegistrationTests(AzuriteQueueFixture azurite) : IClassFixture<AzuriteQueueFixture>
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("UseDevelopmentStorage=true", "https://iom.queue.core.windows.net/")]
    public void Options_need_exactly_one_of_a_connection_string_and_a_service_uri(string? connectionString, string? serviceUri)
    {
        using var services = TestServices.Build(
            new Dictionary<string, string?> { ["Queues:ConnectionString"] = connectionString, ["Queues:ServiceUri"] = serviceUri },
            (services, configuration) => services.AddStorageQueues(configuration));

        Should.Throw<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageQueueOptions>>().Value)
            .Message.ShouldContain("exactly one of ConnectionString and ServiceUri");
    }

    [Fact]
    public async Task The_health_check_is_healthy_when_the_account_answers()
    {
        var report = await azurite.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(TestContext.Current.CancellationToken);

        report.Entries["storage-queues"].Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Messages_go_on_the_wire_base64_encoded_as_the_Functions_queue_trigger_expects()
    {
        var queue = "test-" + Guid.NewGuid().ToString("N");
        const string body = """{"alertId":"a-1","note":"zoë 😀"}""";

        await azurite.Services.GetRequiredService<IQueueSender>().SendAsync(queue, body, cancellationToken: TestContext.Current.CancellationToken);

        var raw = new QueueClient(azurite.ConnectionString, queue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var message = (await raw.ReceiveMessagesAsync(1, cancellationToken: TestContext.Current.CancellationToken)).Value.ShouldHaveSingleItem();
        message.MessageText.ShouldBe(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(body)));
    }
}
