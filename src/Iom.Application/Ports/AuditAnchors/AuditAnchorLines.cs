using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Ports.AuditAnchors;

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
