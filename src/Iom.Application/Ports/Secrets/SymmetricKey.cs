using System.Security.Cryptography;

namespace Iom.Application.Ports.Secrets;

/// <summary>One 256-bit key, and its id: the first 8 bytes of its SHA-256, hex, which reveals nothing of it.</summary>
public sealed class SymmetricKey
{
    public const int Bytes = 32;

    public SymmetricKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Id = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 8));
    }

    public byte[] Key { get; }
    public string Id { get; }
}
