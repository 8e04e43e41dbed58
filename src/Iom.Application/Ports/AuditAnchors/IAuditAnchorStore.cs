using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Ports.AuditAnchors;

/// <summary>One audit chain as it stood when anchored: how many records, and the seal (MAC) of the last.</summary>
public sealed record ChainCheckpoint(string PersonId, long Count, string LastMac);

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

/// <summary>
/// How anchors are written as text, one JSON line per chain and then a closing line with the count: an anchor cut short
/// by a crash has no closing line and is ignored, and an append never needs to read what is there.
/// </summary>
public static class AuditAnchorLines
{
    private sealed record Line(string Anchor, DateTimeOffset At, string? Person = null, long? Count = null, string? LastMac = null, int? Chains = null);

    public static IEnumerable<string> Write(AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        foreach (var chain in anchor.Chains)
        {
            yield return JsonSerializer.Serialize(new Line(anchor.Id, anchor.At, chain.PersonId, chain.Count, chain.LastMac), DocumentJson.Options);
        }

        yield return JsonSerializer.Serialize(new Line(anchor.Id, anchor.At, Chains: anchor.Chains.Count), DocumentJson.Options);
    }

    /// <summary>The last anchor in <paramref name="lines"/> whose closing line is there with the right count.</summary>
    public static AuditAnchor? LastComplete(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        AuditAnchor? last = null;
        string? open = null;
        var chains = new List<ChainCheckpoint>();
        foreach (var text in lines)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            Line? line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(text, DocumentJson.Options);
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-append: the anchor it belonged to is incomplete.
                open = null;
                chains.Clear();
                continue;
            }

            if (line is null)
            {
                continue;
            }

            if (open != line.Anchor)
            {
                open = line.Anchor;
                chains.Clear();
            }

            if (line.Chains is { } count)
            {
                if (count == chains.Count)
                {
                    last = new AuditAnchor(line.Anchor, line.At, chains.ToList());
                }

                open = null;
                chains.Clear();
            }
            else if (line is { Person: { } person, Count: { } records, LastMac: { } mac })
            {
                chains.Add(new ChainCheckpoint(person, records, mac));
            }
        }

        return last;
    }
}
