using Iom.Application.Api;
using Iom.Application.Audit;

namespace Iom.Application.People;

/// <summary>
/// Everything held about one person (a subject access or audit request), as one JSON document: every stored field,
/// the internal ones included, but each mapped into a record of the export's own so the export's shape is its own.
/// </summary>
public sealed record PersonExport(
    string PersonId,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedReferral> Referrals,
    IReadOnlyList<ExportedListing> Listings,
    IReadOnlyList<ExportedIdentityClaim> IdentityIndex,
    IReadOnlyList<ExportedOffendingRecord> OffendingRecords,
    IReadOnlyList<AuditRecordView> AuditLog) : IApiResponse;
