namespace Iom.LocalHost.Hosting;

/// <summary>
/// Starts the clock at a chosen moment and lets it advance in real time (for demos and acceptance tests, e.g.
/// "Clock:StartAt=2026-12-14T09:00:00Z"). Timers and delays run at the real pace.
/// </summary>
internal sealed class ShiftedTimeProvider(DateTimeOffset startAt, TimeProvider inner) : TimeProvider
{
    private readonly TimeSpan offset = startAt - inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + offset;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
