using System.Text;
using Iom.Application.Ports.AuditAnchors;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Local.AuditAnchors;

/// <summary>
/// The local twin of the blob anchor store: anchors appended to one JSON-lines file, never rewritten by the app. Unlike
/// an immutable blob it is only append-only by convention, since whoever owns the data folder can edit it; it exists
/// so the local host and the tests run the anchoring and its checks exactly as Azure does.
/// </summary>
public sealed class LocalAuditAnchorFile(IOptions<LocalAuditAnchorOptions> options) : IAuditAnchorStore
{
    private string Path => options.Value.File;

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var line in AuditAnchorLines.Write(anchor))
        {
            text.Append(line).Append('\n');
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // One write of the whole anchor, flushed to disk before this returns: an anchor is there whole or not at all
        // (a torn last line is ignored by the reader).
        await using var stream = new FileStream(Path, fileOptions);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    public async Task<AuditAnchor?> ReadLatestAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var fileOptions = new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite };
        using var reader = new StreamReader(new FileStream(Path, fileOptions), Encoding.UTF8);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return AuditAnchorLines.LastComplete(lines);
    }
}
