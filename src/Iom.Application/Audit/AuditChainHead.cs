using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>The end of a person's audit chain: the next sequence number and the hash to chain from.</summary>
[DocumentKind("audit-head")]
public sealed record AuditChainHead(string PersonId, long Count, string LastHash)
{
    public const string DocumentId = "audit-head";

    /// <summary>
    /// The seal (<see cref="AuditRecord.Seal"/>) of the last record, so the hourly anchor can checkpoint the chain from
    /// its head alone (<see cref="AnchorChainHeads"/>). Null in heads written before it was kept: the anchor then reads
    /// the last record.
    /// </summary>
    public string? LastMac { get; init; }
}
