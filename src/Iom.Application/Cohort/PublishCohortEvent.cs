using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Events;

namespace Iom.Application.Cohort;

/// <summary>Publishes a cohort integration event relayed from the outbox; a repeat carries the same business key, which the broker drops.</summary>
public sealed class PublishCohortEvent(IIntegrationEventPublisher events)
{
    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var integrationEvent = JsonSerializer.Deserialize<IntegrationEvent>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The cohort event is null.");
        await events.PublishAsync(integrationEvent, cancellationToken);
    }
}
