namespace Iom.Application.Throttling;

public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);
