using Iom.Application.Api;

namespace Iom.Application.Audit;

/// <summary>
/// A page of a person's audit log as the API answers it: records in sequence order and the link to the next page
/// (absent on the last). The verdict on the chain is not here: verifying reads the whole chain, which a page must not
/// (<c>GET /api/audit/verify?person=</c> gives it).
/// </summary>
public sealed record AuditLog(string PersonId, IReadOnlyList<AuditRecordView> Items, string? Next) : IApiResponse
{
    public static AuditLog Of(AuditLogPage page, Func<AuditLogPage, string> nextLink)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(nextLink);
        return new AuditLog(page.PersonId, [.. page.Records.Select(AuditRecordView.Of)], page.Continuation is null ? null : nextLink(page));
    }
}
