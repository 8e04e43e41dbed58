using Iom.Functions.Http;
using Iom.Functions.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Iom.Functions.Mail;

/// <summary>
/// Whether SendGrid's delivery events can be accepted: without the webhook key every post is refused, so bounces go
/// unnoticed. Degraded, not unhealthy: mail still goes out. Its reason is public (it names a setting, no secret).
/// </summary>
public sealed class MailEventsHealthCheck(SendGridEventSignature signature) : IHealthCheck
{
    public const string Name = "mail-events";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(signature.NotConfiguredReason is { } reason
            ? HealthCheckResult.Degraded(reason)
            : HealthCheckResult.Healthy("SendGrid's signed delivery events are accepted."));
}
