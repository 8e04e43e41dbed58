namespace Iom.Application.Audit;

/// <summary>
/// A page of a person's audit log. <see cref="Through"/> is the last sequence number the log holds for this reading:
/// null on the first page (the log as it stands once this read's own record is in), then carried by the next link.
/// </summary>
public sealed record AuditLogQuery(string PersonId, int PageSize, string? Continuation = null, long? Through = null);
