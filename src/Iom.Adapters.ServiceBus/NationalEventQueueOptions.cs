using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.ServiceBus;

/// <summary>
/// Configuration section "NationalEvents": the Service Bus queue HMPPS domain events arrive on in Azure, in the namespace
/// of section "ServiceBus". Without <see cref="ServiceBusQueue"/> nothing is drained (the local host).
/// </summary>
public sealed class NationalEventQueueOptions
{
    public const string SectionName = "NationalEvents";

    /// <summary>The queue's name, e.g. prison-events; empty: national events come only by the storage queue and the relay door.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,259}$", ErrorMessage = "NationalEvents:ServiceBusQueue must be a Service Bus queue name (letters, digits, '.', '_', '-').")]
    public string? ServiceBusQueue { get; set; }

    /// <summary>
    /// At most this many messages a run (a minute), all locked at once: the queue's lock duration and the function timeout
    /// (5 minutes each) must cover handling them, even when each waits out a store failure (up to 10 s to settle). A
    /// partnership's national releases are a few a day, so a small batch loses nothing.
    /// </summary>
    [Range(1, 100)]
    public int MaxMessagesPerRun { get; set; } = 20;
}
