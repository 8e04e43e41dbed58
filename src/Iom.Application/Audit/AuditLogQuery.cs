namespace Iom.Application.Audit;

public sealed record AuditLogQuery(string PersonId, DateTimeOffset? From, DateTimeOffset? To);
