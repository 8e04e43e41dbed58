namespace Iom.Application.Ports.AuditAnchors;

/// <summary>
/// Write-once storage for audit anchors: what is appended can be neither changed nor removed, so whoever can rewrite
/// the document store cannot make the audit chains agree with an anchor taken before the rewrite (an append blob in a
/// container with a time-based immutability policy in Azure; an append-only file locally).
/// </summary>
public interface IAuditAnchorStore
{
    /// <summary>Appends the anchor after every one before it. Never replaces anything.</summary>
    Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken);

    /// <summary>The most recent anchor written whole, or null when none has been.</summary>
    Task<AuditAnchor?> ReadLatestAsync(CancellationToken cancellationToken);
}
