using Iom.Application.Retention;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Operations;

public sealed class RetentionFunction(ApplyRetention retention, TimeProvider time)
{
    /// <summary>Daily at 02:30 UTC, when nobody is working.</summary>
    [Function("ApplyRetention")]
    public Task Run([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.HandleAsync(time.GetUtcNow(), System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N"), cancellationToken);
}
