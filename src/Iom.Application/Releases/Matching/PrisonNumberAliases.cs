using System.Text.Json;
using Iom.Application.Ports.Documents;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// Prison number merges (<see cref="PrisonNumberMerged"/>), kept so a notification under any number of a merged
/// record finds the person known under another. Each merge is stored both ways (old → new and new → old), each
/// create-only in its number's partition: a repeat, or a redelivery after a half-done one, writes only what is missing.
/// </summary>
public sealed partial class PrisonNumberAliases(IDocumentStore documents, TimeProvider time, ILogger<PrisonNumberAliases> logger)
{
    /// <summary>How far a chain of merges is followed (old → new → newer …): more than any real record has.</summary>
    public const int MaxNumbers = 32;

    public static string PartitionOf(string number) => "noms-aliases:" + number;

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var merge = JsonSerializer.Deserialize<PrisonNumberMerged>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The merge message is null.");
        ArgumentException.ThrowIfNullOrWhiteSpace(merge.OldNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(merge.NewNumber);
        if (merge.OldNumber == merge.NewNumber)
        {
            return;
        }

        var now = time.GetUtcNow();
        var created = 0;
        foreach (var (number, alias) in new[] { (merge.OldNumber, merge.NewNumber), (merge.NewNumber, merge.OldNumber) })
        {
            try
            {
                await documents.CreateAsync(new DocumentKey(Containers.Identities, PartitionOf(number), alias), new PrisonNumberAlias(number, alias, now), cancellationToken);
                created++;
            }
            catch (DocumentConflictException)
            {
                // Recorded by an earlier delivery of the same merge.
            }
        }

        LogMergeRecorded(logger, created);
    }

    /// <summary>
    /// <paramref name="number"/> and every number merged with it, directly or through a chain, each once (a cycle
    /// ends where it started), the number itself first.
    /// </summary>
    public async Task<IReadOnlyList<string>> ConnectedAsync(string number, CancellationToken cancellationToken)
    {
        var found = new List<string> { number };
        var seen = new HashSet<string>(StringComparer.Ordinal) { number };
        for (var next = 0; next < found.Count && found.Count < MaxNumbers; next++)
        {
            await foreach (var alias in documents.ReadPartitionAsync<PrisonNumberAlias>(Containers.Identities, PartitionOf(found[next]), cancellationToken))
            {
                if (seen.Add(alias.Value.Alias) && found.Count < MaxNumbers)
                {
                    found.Add(alias.Value.Alias);
                }
            }
        }

        return found;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prison number merge recorded ({Created} of 2 alias documents new)")]
    private static partial void LogMergeRecorded(ILogger logger, int created);
}
