using Iom.Application.Identity;

namespace Iom.Application.Audit;

/// <summary>Who is acting, within which request, and why: what every audit record needs.</summary>
public sealed record ActingAs(Caller Caller, string CorrelationId, string Purpose)
{
    public AuditEntry Entry(string personId, AuditOperation operation, string subject, DateTimeOffset at, IReadOnlyList<string>? recipients = null) =>
        new(personId, operation, subject, AuditActor.Of(Caller), Purpose, at, CorrelationId, recipients);
}
