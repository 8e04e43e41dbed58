using Iom.Application.Outbox;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Operations;

/// <summary>
/// Runs the in-process outbox relay in the worker (and the local host): entries a request committed are dispatched
/// after its answer. If the worker stops first, the sweep (<see cref="OutboxFunction"/>) dispatches them.
/// </summary>
public sealed class OutboxNudgeService(OutboxNudges nudges) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => nudges.RunAsync(stoppingToken);
}
