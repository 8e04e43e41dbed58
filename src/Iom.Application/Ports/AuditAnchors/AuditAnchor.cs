namespace Iom.Application.Ports.AuditAnchors;

/// <summary>A checkpoint of every audit chain's head at one moment, kept outside the document store.</summary>
public sealed class AuditAnchor(string id, DateTimeOffset at, IReadOnlyList<ChainCheckpoint> chains)
{
    // Looked up once per chain by a verification of every chain: indexed, not scanned. The anchors written never
    // name a chain twice; in one that did, the first entry counts.
    private readonly Dictionary<string, ChainCheckpoint> _byPerson = chains.DistinctBy(c => c.PersonId, StringComparer.Ordinal).ToDictionary(c => c.PersonId, StringComparer.Ordinal);

    public string Id { get; } = id;

    public DateTimeOffset At { get; } = at;

    public IReadOnlyList<ChainCheckpoint> Chains { get; } = chains;

    public ChainCheckpoint? Find(string personId) => _byPerson.GetValueOrDefault(personId);
}
