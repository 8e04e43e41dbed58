namespace Iom.Application.Panels.Circulations;

/// <summary>A link token that is not ours (forged, altered, truncated) or has expired: nothing is opened.</summary>
public sealed class LinkRefusedException(bool expired, string message) : Exception(message)
{
    /// <summary>Signed by us but past its expiry; otherwise not a token we made.</summary>
    public bool Expired { get; } = expired;
}
