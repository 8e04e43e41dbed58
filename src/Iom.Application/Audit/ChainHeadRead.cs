using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>A person's audit chain head as read (<see cref="Head"/> null: the person has no chain yet).</summary>
public sealed record ChainHeadRead(StoredDocument<AuditChainHead>? Head)
{
    /// <summary>No chain: the person's id was made by this very change, so nothing can have been appended to it.</summary>
    public static ChainHeadRead None { get; } = new((StoredDocument<AuditChainHead>?)null);
}
