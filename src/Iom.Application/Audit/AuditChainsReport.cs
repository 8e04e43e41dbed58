namespace Iom.Application.Audit;

/// <summary>The verdict on every audit chain in the store.</summary>
public sealed record AuditChainsReport(int ChainsChecked, long RecordsChecked, IReadOnlyList<BrokenChain> Broken) : Api.IApiResponse
{
    public bool Intact => Broken.Count == 0;

    /// <summary>Records from before the chain was keyed (see <see cref="ChainVerification.UnkeyedRecords"/>), and in how many chains.</summary>
    public long UnkeyedRecords { get; init; }

    public int UnkeyedChains { get; init; }

    /// <summary>When the anchor the chains were compared with was taken; null when there was none yet.</summary>
    public DateTimeOffset? AnchoredAt { get; init; }

    /// <summary>When this run wrote a new anchor; null when it did not.</summary>
    public DateTimeOffset? AnchorWritten { get; init; }
}
