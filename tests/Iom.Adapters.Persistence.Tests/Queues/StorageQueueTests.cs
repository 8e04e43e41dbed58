using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Adapters.Persistence.Tests.Queues;

/// <summary>The queue contract on Azure Storage queues, served by Azurite, through the adapter's DI registration.</summary>
public sealed class StorageQueueTests(AzuriteQueueFixture azurite) : QueueContract, IClassFixture<AzuriteQueueFixture>
{
    protected override IQueueSender Sender => azurite.Services.GetRequiredService<IQueueSender>();

    protected override IQueueReceiver Receiver => azurite.Services.GetRequiredService<IQueueReceiver>();

    // Real time, plus a margin: the service keeps visibility times in whole seconds.
    protected override Task LetTimePassAsync(TimeSpan time) => Task.Delay(time + TimeSpan.FromSeconds(1), Token);
}
