using Microsoft.AspNetCore.Hosting.Server;

namespace Iom.LocalHost.Hosting;

/// <summary>Runs <see cref="LoopbackOnly.RequireLoopbackAddresses"/> once every hosted service, Kestrel included, has started.</summary>
internal sealed class LoopbackAddressCheck(IServer server) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        try
        {
            LoopbackOnly.RequireLoopbackAddresses(server);
        }
        catch (InvalidOperationException)
        {
            // Stop listening at once rather than when the failed host is disposed.
            await server.StopAsync(cancellationToken);
            throw;
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
