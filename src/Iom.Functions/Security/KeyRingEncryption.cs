using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Iom.Application.Ports.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Security;

/// <summary>
/// The encrypted form of a data-protection key's secret part: AES-256-GCM under a key-encryption key from the secret
/// store, named by its non-secret id so the right one (of several, during a rotation) is used to unwrap it.
/// </summary>
internal static class WrappedKeyFormat
{
    public static readonly XNamespace Namespace = "urn:iom:data-protection:wrapped-key";
    public static readonly XName Element = Namespace + "wrappedKey";
    public const string Algorithm = "AES-256-GCM";
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    /// <summary>Binds the ciphertext to the format and to the id it claims, so neither can be swapped undetected.</summary>
    public static byte[] AssociatedData(string kekId) => Encoding.UTF8.GetBytes($"iom-key-ring|v1|{Algorithm}|{kekId}");
}

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

/// <summary>
/// Unwraps a key wrapped by <see cref="KeyRingXmlEncryptor"/>. Data protection creates it from the type name stored in
/// the key's XML, calling the constructor that takes an <see cref="IServiceProvider"/> with the app's root provider, so
/// it is public and finds the secret store there.
/// </summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private readonly ISecretStore secrets = services.GetRequiredService<ISecretStore>();

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != WrappedKeyFormat.Element
            || (string?)encryptedElement.Attribute("algorithm") != WrappedKeyFormat.Algorithm
            || (string?)encryptedElement.Attribute("kek") is not { Length: > 0 } kekId)
        {
            throw new CryptographicException("This data-protection key is not in the wrapped-key format this app writes.");
        }

        var keys = KeyEncryptionKeys.Read(secrets);
        var kek = keys.Find(kekId) ?? throw new CryptographicException(
            $"This data-protection key was wrapped with key-encryption key {kekId}, which secret '{KeyEncryptionKeys.SecretName}' no longer holds " +
            $"(it holds {string.Join(", ", keys.All.Select(k => k.Id))}). Keep a retired key in the secret, after the current one, until the keys it wrapped have expired.");

        byte[] nonce, ciphertext, tag;
        try
        {
            nonce = Convert.FromBase64String(Part(encryptedElement, "nonce"));
            ciphertext = Convert.FromBase64String(Part(encryptedElement, "ciphertext"));
            tag = Convert.FromBase64String(Part(encryptedElement, "tag"));
        }
        catch (FormatException)
        {
            throw new CryptographicException("This wrapped data-protection key is damaged: a part is not base64.");
        }

        if (nonce.Length != WrappedKeyFormat.NonceBytes || tag.Length != WrappedKeyFormat.TagBytes)
        {
            throw new CryptographicException("This wrapped data-protection key is damaged: its nonce or tag has the wrong length.");
        }

        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(kek.Key, WrappedKeyFormat.TagBytes);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, WrappedKeyFormat.AssociatedData(kek.Id));
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new CryptographicException(
                $"This data-protection key failed its integrity check under key-encryption key {kek.Id}: it was altered after it was stored.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static string Part(XElement wrapped, string name) =>
        (string?)wrapped.Element(WrappedKeyFormat.Namespace + name)
        ?? throw new CryptographicException($"This wrapped data-protection key is damaged: it has no {name}.");
}
