namespace Iom.Application.Ports.Queues;

/// <summary>
/// The broker queue HMPPS domain events arrive on in Azure (the Service Bus queue named by
/// <c>NationalEvents:ServiceBusQueue</c>), drained every minute by <c>DrainNationalEvents</c>. Registered only where one
/// is configured: elsewhere national events come by the <c>prison-events</c> storage queue and the relay door.
/// </summary>
public interface INationalEventInbox
{
    /// <summary>One bounded batch of messages, each locked to this reader; empty when the queue is.</summary>
    Task<IReadOnlyList<LockedMessage>> ReceiveAsync(CancellationToken cancellationToken);
}
