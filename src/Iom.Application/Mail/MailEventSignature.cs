using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Iom.Application.Mail;

/// <summary>
/// Checks that a batch of delivery events is SendGrid's: an ECDSA P-256 / SHA-256 signature (DER, RFC 3279) over the
/// UTF-8 timestamp header followed by the raw body bytes, under the configured public key, and a timestamp within
/// <see cref="Window"/> of now, so a captured batch cannot be replayed later. Verified over the bytes as received,
/// never a re-serialisation (which would not match).
/// </summary>
public sealed class MailEventSignature(IOptions<MailEventOptions> options, TimeProvider time)
{
    /// <summary>How far the signed timestamp may be from this app's clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly byte[]? publicKey = string.IsNullOrWhiteSpace(options.Value.EventWebhookPublicKey)
        ? null
        : Convert.FromBase64String(options.Value.EventWebhookPublicKey.Trim());

    /// <summary>Why no event post can be accepted, or null when a key is configured.</summary>
    public string? NotConfiguredReason => publicKey is null
        ? "No SendGrid event webhook key is configured (SendGrid:EventWebhookPublicKey), so delivery events are refused."
        : null;

    /// <returns>Why the post is refused, or null when its signature and timestamp are good.</returns>
    public string? Refusal(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (NotConfiguredReason is { } notConfigured)
        {
            return notConfigured;
        }

        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            return "The request is not signed.";
        }

        // Seconds since 1970, digits only: anything else is not SendGrid's, and a sign or space would still verify.
        if (timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "The signature timestamp is malformed.";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((signedAt - time.GetUtcNow()).Duration() > Window)
        {
            return "The signature timestamp is not within five minutes of now.";
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return "The signature is malformed.";
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var written = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed.AsSpan(written));
        // One key object per check: ECDsa instances are not documented as safe to share between threads.
        TryImport(publicKey!, out var key);
        using (key)
        {
            try
            {
                return key!.VerifyData(signed, der, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence) ? null : "The signature does not match.";
            }
            catch (CryptographicException)
            {
                return "The signature is malformed.";
            }
        }
    }

    /// <summary>Imports a base64 DER SubjectPublicKeyInfo of a P-256 key.</summary>
    public static bool TryImport(string base64, out ECDsa? key)
    {
        try
        {
            return TryImport(Convert.FromBase64String(base64.Trim()), out key);
        }
        catch (FormatException)
        {
            key = null;
            return false;
        }
    }

    private static bool TryImport(byte[] der, out ECDsa? key)
    {
        key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out var read);
            if (read == der.Length && key.KeySize == 256)
            {
                return true;
            }
        }
        catch (CryptographicException)
        {
        }

        key.Dispose();
        key = null;
        return false;
    }
}
