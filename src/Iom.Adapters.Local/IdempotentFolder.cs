using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Iom.Adapters.Local;

/// <summary>
/// A folder that holds at most one file per key. Names are <c>{utc time}-{hash of key}{extension}</c>: the time keeps
/// a listing in the order things happened, the hash lets a repeat be found without reading any file.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim holds nothing to release unless its AvailableWaitHandle is read, which this never does.")]
internal sealed class IdempotentFolder(string directory, string extension, TimeProvider timeProvider)
{
    // Check-then-write must not interleave within the process; the senders that own a folder are singletons.
    private readonly SemaphoreSlim gate = new(1, 1);

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Writes the file unless one for <paramref name="key"/> exists; returns whether it wrote.</summary>
    /// <param name="content">Given the write time and the key's hash, returns the file's bytes.</param>
    public async Task<bool> WriteOnceAsync(
        string key, Func<DateTimeOffset, string, byte[]> content, CancellationToken cancellationToken)
    {
        var hash = HashOf(key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            if (System.IO.Directory.EnumerateFiles(Directory, $"*-{hash}{extension}").Any())
            {
                return false;
            }

            var now = timeProvider.GetUtcNow();
            var bytes = content(now, hash);
            var finalPath = Path.Combine(Directory, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{hash}{extension}");

            // Written under a name readers ignore, then renamed within the folder (atomic on one file system), so a
            // reader never sees a half-written file.
            var tempPath = Path.Combine(Directory, $".{hash}.{Guid.NewGuid():N}.tmp");
            try
            {
                await File.WriteAllBytesAsync(tempPath, bytes, cancellationToken).ConfigureAwait(false);
                File.Move(tempPath, finalPath, overwrite: false);
            }
            finally
            {
                File.Delete(tempPath);
            }

            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The first 128 bits of SHA-256, in hex: short enough for a file name, and the key itself may carry
    /// characters a file name cannot.</summary>
    public static string HashOf(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 16);
}
