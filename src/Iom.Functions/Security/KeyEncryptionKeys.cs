using Iom.Application.Ports.Secrets;

namespace Iom.Functions.Security;

/// <summary>
/// The key-encryption keys held by secret <see cref="SecretNames.DataProtectionKeyEncryptionKey"/>: the first wraps new
/// data-protection keys, any of them unwraps. Rotation puts a new key first and keeps the old one after it until the
/// keys it wrapped have expired.
/// </summary>
internal sealed class KeyEncryptionKeys
{
    public const string SecretName = SecretNames.DataProtectionKeyEncryptionKey;

    private KeyEncryptionKeys(SymmetricKeys keys) => All = keys.All.Select(k => new KeyEncryptionKey(k)).ToList();

    public IReadOnlyList<KeyEncryptionKey> All { get; }

    public KeyEncryptionKey Current => All[0];

    public KeyEncryptionKey? Find(string id) => All.FirstOrDefault(k => string.Equals(k.Id, id, StringComparison.Ordinal));

    /// <exception cref="MalformedSecretException">Not base64, or a key that is not 32 bytes; the message never holds the value.</exception>
    public static KeyEncryptionKeys Parse(string value) => new(SymmetricKeys.Parse(SecretName, value));

    /// <summary>
    /// Reads and parses the secret now. Data protection's interfaces are synchronous, so this blocks on the secret store;
    /// there is no synchronization context in the worker or on Kestrel to deadlock on, and the key ring is read rarely
    /// (ASP.NET caches it), so a short block beats keeping the keys in memory past a rotation.
    /// </summary>
    public static KeyEncryptionKeys Read(ISecretStore secrets) => ReadAsync(secrets, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<KeyEncryptionKeys> ReadAsync(ISecretStore secrets, CancellationToken cancellationToken) =>
        new(await SymmetricKeys.ReadAsync(secrets, SecretName, cancellationToken).ConfigureAwait(false));
}
