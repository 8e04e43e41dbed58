namespace Iom.Application.Panels.Circulations;

/// <summary>No delivery records yet (see <see cref="ICirculationDeliveries"/>): every e-mail's delivery state is unknown.</summary>
public sealed class NoDeliveryRecords : ICirculationDeliveries
{
    public Task<string?> StateOfAsync(string mailId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
