using Iom.Application.Ports.Secrets;

namespace Iom.Functions.Security;

/// <summary>One key-encryption key, and its id (see <see cref="SymmetricKey"/>).</summary>
internal sealed class KeyEncryptionKey
{
    public const int Bytes = SymmetricKey.Bytes;

    public KeyEncryptionKey(byte[] key)
        : this(new SymmetricKey(key))
    {
    }

    public KeyEncryptionKey(SymmetricKey key) => (Key, Id) = (key.Key, key.Id);

    public byte[] Key { get; }
    public string Id { get; }
}
