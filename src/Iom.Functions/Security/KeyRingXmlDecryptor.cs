using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Iom.Application.Ports.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Security;

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
