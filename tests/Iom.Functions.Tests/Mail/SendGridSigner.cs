using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iom.Functions.Security;

namespace Iom.Functions.Tests.Mail;

/// <summary>
/// Signs event posts as SendGrid does (ECDSA P-256, SHA-256, DER signature over the timestamp then the raw body) with
/// a key pair of the test's own; the app is given <see cref="PublicKey"/> as SendGrid:EventWebhookPublicKey.
/// </summary>
public sealed class SendGridSigner : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>The host argument that configures the key.</summary>
    public string Setting => $"--SendGrid:EventWebhookPublicKey={PublicKey}";

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body) =>
        Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(timestamp), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>A post of <paramref name="body"/> signed at <paramref name="signedAt"/> (now, unless said).</summary>
    public HttpRequestMessage Post(byte[] body, DateTimeOffset? signedAt = null, string contentType = "application/json")
    {
        var timestamp = Timestamp(signedAt ?? DateTimeOffset.UtcNow);
        var request = Bare(body, contentType);
        request.Headers.Add(SendGridEventSignature.SignatureHeader, Sign(timestamp, body));
        request.Headers.Add(SendGridEventSignature.TimestampHeader, timestamp);
        return request;
    }

    public static HttpRequestMessage Bare(byte[] body, string contentType = "application/json") =>
        new(HttpMethod.Post, "/api/" + Iom.Functions.Mail.EmailEventFunctions.Route)
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", contentType } } },
        };

    public void Dispose() => key.Dispose();
}
