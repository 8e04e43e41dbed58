using Iom.Application.Api;

namespace Iom.Application.Audit;

/// <summary>A person's audit log as the API answers: the records asked for and the verdict on the whole chain.</summary>
public sealed record AuditLog(string PersonId, IReadOnlyList<AuditRecordView> Records, ChainVerification Chain) : IApiResponse;
