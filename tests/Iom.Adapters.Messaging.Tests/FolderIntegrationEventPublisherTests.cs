using Iom.Adapters.Local;
using Iom.Adapters.ServiceBus;
using Iom.Application.Ports.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Adapters.Messaging.Tests;

public sealed class FolderIntegrationEventPublisherTests : IDisposable
{
    private readonly TempDirectory events = new();
    private readonly FakeTimeProvider time = new(Samples.Now);
    private readonly ServiceProvider services;

    public FolderIntegrationEventPublisherTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Events:Directory"] = events.Path })
            .Build();
        services = new ServiceCollection()
            .AddSingleton<TimeProvider>(time)
            .AddFolderIntegrationEventPublisher(configuration)
            .BuildServiceProvider();
    }

    private IIntegrationEventPublisher Publisher => services.GetRequiredService<IIntegrationEventPublisher>();

    public void Dispose()
    {
        services.Dispose();
        events.Dispose();
    }

    [Fact]
    public async Task An_event_is_written_as_the_same_bytes_the_Service_Bus_message_body_carries()
    {
        var integrationEvent = Samples.PrisonerReleased() with { DetailUrl = new Uri("https://iom.example.gov.uk/api/releases/1") };

        await Publisher.PublishAsync(integrationEvent, TestContext.Current.CancellationToken);

        var file = events.Files().ShouldHaveSingleItem();
        Path.GetExtension(file).ShouldBe(".json");
        (await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken))
            .ShouldBe(ServiceBusIntegrationEventPublisher.ToMessage(integrationEvent).Body.ToArray());
    }

    [Fact]
    public async Task A_business_key_published_again_later_writes_nothing_more()
    {
        await Publisher.PublishAsync(Samples.PrisonerReleased("release:1"), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(1));
        await Publisher.PublishAsync(Samples.PrisonerReleased("release:1") with { Description = "again" }, TestContext.Current.CancellationToken);
        await Publisher.PublishAsync(Samples.PrisonerReleased("release:2"), TestContext.Current.CancellationToken);

        events.Files().Length.ShouldBe(2);
        events.Files().ShouldAllBe(file => !file.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
