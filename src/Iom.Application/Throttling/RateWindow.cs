using Iom.Application.Ports.Documents;

namespace Iom.Application.Throttling;

/// <summary>One caller's use of one rate-limit bucket in the current window.</summary>
[DocumentKind("rate-window")]
public sealed record RateWindow(DateTimeOffset WindowStart, int Count);
