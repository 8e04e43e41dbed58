using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Iom.Application.Ports.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Iom.Functions.Security;

/// <summary>
/// Wraps each new data-protection key with the current key-encryption key before it is stored, so reading the
/// document store is not enough to forge the form's anti-forgery tokens.
/// </summary>
internal sealed class KeyRingXmlEncryptor(ISecretStore secrets) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        // Asked each time (the store caches briefly), so a rotated key wraps new keys without a restart.
        var kek = KeyEncryptionKeys.Read(secrets).Current;
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(WrappedKeyFormat.NonceBytes);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[WrappedKeyFormat.TagBytes];
        try
        {
            using var aes = new AesGcm(kek.Key, WrappedKeyFormat.TagBytes);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, WrappedKeyFormat.AssociatedData(kek.Id));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var wrapped = new XElement(WrappedKeyFormat.Element,
            new XAttribute("algorithm", WrappedKeyFormat.Algorithm),
            new XAttribute("kek", kek.Id),
            new XElement(WrappedKeyFormat.Namespace + "nonce", Convert.ToBase64String(nonce)),
            new XElement(WrappedKeyFormat.Namespace + "ciphertext", Convert.ToBase64String(ciphertext)),
            new XElement(WrappedKeyFormat.Namespace + "tag", Convert.ToBase64String(tag)));
        return new EncryptedXmlInfo(wrapped, typeof(KeyRingXmlDecryptor));
    }
}
