using Iom.Application.Ports.Documents;

namespace Iom.Application.Throttling;

/// <summary>One caller's use of one rate-limit bucket in the current window.</summary>
[DocumentKind("rate-window")]
public sealed record RateWindow(DateTimeOffset WindowStart, int Count, TimeSpan? Lifetime = null) : IExpiringDocument
{
    /// <summary>A window is worth nothing once it has passed: it goes two windows after its last write.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? TimeToLive => Lifetime;
}
