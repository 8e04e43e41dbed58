using Iom.Application.Ports.Events;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Local.Events;

/// <summary>
/// Local stand-in for the Service Bus topic: each event becomes one <c>.json</c> file holding the message body the
/// topic would carry. A repeated business key writes nothing, as the broker's duplicate detection would drop it.
/// </summary>
public sealed class FolderIntegrationEventPublisher(IOptions<EventsFolderOptions> options, TimeProvider timeProvider)
    : IIntegrationEventPublisher
{
    private readonly IdempotentFolder folder = new(options.Value.Directory, ".json", timeProvider);

    /// <summary>The full path of the folder written to.</summary>
    public string Directory => folder.Directory;

    public Task PublishAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var body = DomainEventJson.Serialize(integrationEvent);
        return folder.WriteOnceAsync(integrationEvent.BusinessKey, (_, _) => body, cancellationToken);
    }
}
