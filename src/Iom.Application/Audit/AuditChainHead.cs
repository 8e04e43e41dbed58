using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>The end of a person's audit chain: the next sequence number and the hash to chain from.</summary>
[DocumentKind("audit-head")]
public sealed record AuditChainHead(string PersonId, long Count, string LastHash)
{
    public const string DocumentId = "audit-head";
}
