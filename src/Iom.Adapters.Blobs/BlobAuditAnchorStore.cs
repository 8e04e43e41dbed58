using System.Globalization;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Iom.Application.Ports.AuditAnchors;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Blobs;

/// <summary>
/// Audit anchors in append blobs, one a day (<c>anchors-YYYY-MM-DD.jsonl</c>), in a container whose immutability
/// policy lets blocks be appended but nothing be overwritten or deleted until the retention period ends: not by the
/// app's identity, nor by anyone with the account key.
/// </summary>
public sealed class BlobAuditAnchorStore(BlobContainerClient container, IOptions<BlobAuditAnchorOptions> options) : IAuditAnchorStore
{
    private const string Prefix = "anchors-";

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        await EnsureContainerAsync(cancellationToken);
        var blob = container.GetAppendBlobClient(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{anchor.At.UtcDateTime:yyyy-MM-dd}.jsonl"));
        await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

        // Blocks are cut at line ends and kept under the service's block limit; the closing line goes last, so a run
        // that dies part way leaves an anchor without it, which readers ignore.
        var block = new StringBuilder();
        var bytes = 0L;
        foreach (var line in AuditAnchorLines.Write(anchor))
        {
            var lineBytes = Encoding.UTF8.GetByteCount(line) + 1;
            if (bytes > 0 && bytes + lineBytes > blob.AppendBlobMaxAppendBlockBytes)
            {
                await AppendBlockAsync(blob, block, cancellationToken);
                bytes = 0;
            }

            block.Append(line).Append('\n');
            bytes += lineBytes;
        }

        await AppendBlockAsync(blob, block, cancellationToken);
    }

    public async Task<AuditAnchor?> ReadLatestAsync(CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, Prefix, cancellationToken))
        {
            names.Add(item.Name);
        }

        // Newest day first; a day whose only anchor was cut short falls back to the day before.
        foreach (var name in names.OrderDescending(StringComparer.Ordinal))
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var lines = content.Value.Content.ToString().Split('\n');
            if (AuditAnchorLines.LastComplete(lines) is { } anchor)
            {
                return anchor;
            }
        }

        return null;
    }

    private static async Task AppendBlockAsync(AppendBlobClient blob, StringBuilder block, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(block.ToString()));
        await blob.AppendBlockAsync(stream, cancellationToken: cancellationToken);
        block.Clear();
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CreateContainerIfNotExists)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
