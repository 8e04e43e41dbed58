using Iom.Application.Identity;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>The operations on personal data that the Data Protection Act 2018 s.62 requires to be logged.</summary>
public enum AuditOperation
{
    Collection,
    Alteration,
    Consultation,
    Disclosure,
    Combination,
    Erasure,
}

/// <summary>Who did it: enough to answer "who", without copying the whole token.</summary>
public sealed record AuditActor(string UserId, string? Agency, IReadOnlyList<string> Roles)
{
    public static AuditActor Of(Caller caller) => new(caller.UserId, caller.Agency, caller.Roles.Order(StringComparer.Ordinal).ToList());
}

/// <summary>
/// One s.62 log entry. It lives in the partition of the person it is about and is written in the same commit as
/// the change it records, so a change can never be stored without its record.
/// </summary>
[DocumentKind("audit")]
public sealed record AuditRecord(
    string Id,
    string PersonId,
    AuditOperation Operation,
    string Subject,
    AuditActor Actor,
    string Purpose,
    DateTimeOffset At,
    string CorrelationId,
    IReadOnlyList<string>? Recipients = null)
{
    public static string NewId(DateTimeOffset at) => $"audit-{at.UtcTicks:D20}-{Guid.NewGuid():N}";
}
