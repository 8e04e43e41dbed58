using System.Globalization;
using System.Security.Cryptography;
using Iom.Application.Ports.Secrets;

namespace Iom.Functions.Security;

/// <summary>One key-encryption key, and its id: the first 8 bytes of its SHA-256, hex, which reveals nothing of it.</summary>
internal sealed class KeyEncryptionKey
{
    public const int Bytes = 32;

    public KeyEncryptionKey(byte[] key)
    {
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    public byte[] Key { get; }
    public string Id { get; }
}

/// <summary>
/// The key-encryption keys held by secret <see cref="SecretNames.DataProtectionKeyEncryptionKey"/>: the first wraps new
/// data-protection keys, any of them unwraps. Rotation puts a new key first and keeps the old one after it until the
/// keys it wrapped have expired.
/// </summary>
internal sealed class KeyEncryptionKeys
{
    public const string SecretName = SecretNames.DataProtectionKeyEncryptionKey;

    private KeyEncryptionKeys(IReadOnlyList<KeyEncryptionKey> all) => All = all;

    public IReadOnlyList<KeyEncryptionKey> All { get; }

    public KeyEncryptionKey Current => All[0];

    public KeyEncryptionKey? Find(string id) => All.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <exception cref="MalformedSecretException">Not base64, or a key that is not 32 bytes; the message never holds the value.</exception>
    public static KeyEncryptionKeys Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var entries = value.Split(',', StringSplitOptions.TrimEntries);
        var keys = new List<KeyEncryptionKey>(entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var position = entries.Length == 1 ? "its value" : string.Create(CultureInfo.InvariantCulture, $"entry {i + 1} of {entries.Length}");
            if (entries[i].Length == 0)
            {
                throw new MalformedSecretException(SecretName, $"{position} is empty. {Expected}");
            }

            var key = new byte[KeyEncryptionKey.Bytes];
            if (!Convert.TryFromBase64String(entries[i], key, out var written) || written != KeyEncryptionKey.Bytes)
            {
                // Nothing of the value goes into the message: not its length in characters, not a fragment.
                throw new MalformedSecretException(SecretName, $"{position} is not a {KeyEncryptionKey.Bytes}-byte key in base64. {Expected}");
            }

            keys.Add(new KeyEncryptionKey(key));
        }

        return new KeyEncryptionKeys(keys);
    }

    /// <summary>
    /// Reads and parses the secret now. Data protection's interfaces are synchronous, so this blocks on the secret store;
    /// there is no synchronization context in the worker or on Kestrel to deadlock on, and the key ring is read rarely
    /// (ASP.NET caches it), so a short block beats keeping the keys in memory past a rotation.
    /// </summary>
    public static KeyEncryptionKeys Read(ISecretStore secrets) => ReadAsync(secrets, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<KeyEncryptionKeys> ReadAsync(ISecretStore secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return Parse(await secrets.GetSecretAsync(SecretName, cancellationToken).ConfigureAwait(false));
    }

    private const string Expected = "Each key is 32 random bytes in base64, as `openssl rand -base64 32` makes; several are separated by commas, the one that wraps new keys first.";
}
