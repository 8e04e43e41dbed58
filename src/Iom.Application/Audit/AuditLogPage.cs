namespace Iom.Application.Audit;

/// <summary>
/// One page of a person's audit records in sequence order, and what the next page needs: the store's token (null on
/// the last page) and the sequence number the reading stops at.
/// </summary>
public sealed record AuditLogPage(string PersonId, IReadOnlyList<AuditRecord> Records, string? Continuation, long? Through);
