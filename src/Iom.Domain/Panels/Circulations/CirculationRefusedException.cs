namespace Iom.Domain.Panels.Circulations;

/// <summary>A change a circulation refuses (resending to an address it does not hold, or one that is held).</summary>
/// <param name="Reason">A short code: <c>not-a-recipient</c>, <c>recipient-held</c>.</param>
public sealed class CirculationRefusedException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
