using Iom.Application.Outbox;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Operations;

/// <summary>
/// The outbox relay's sweep: every minute, dispatches the entries a writer's nudge missed (docs/architecture.md,
/// "Messages, retries and idempotency"). The local host fires it on the same schedule.
/// </summary>
public sealed class OutboxFunction(OutboxRelay relay)
{
    [Function("DispatchOutbox")]
    public Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.SweepAsync(OutboxRelay.SweepAge, cancellationToken);
}
