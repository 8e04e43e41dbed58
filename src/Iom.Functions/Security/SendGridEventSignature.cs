using Iom.Application.Mail;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Security;

/// <summary>SendGrid's Signed Event Webhook: the signature and timestamp headers, checked by <see cref="MailEventSignature"/>.</summary>
public sealed class SendGridEventSignature(MailEventSignature signature) : IRequestSignature
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>
    /// SendGrid posts a batch every 30 seconds or once it reaches 768 KB, whichever comes first (its Event Webhook
    /// reference, as we read it; the search corpus here did not hold the page): 1 MiB leaves room.
    /// </summary>
    public const long MaxBatchBytes = 1024 * 1024;

    public string Scheme => SignatureHeader;

    public string? NotConfiguredReason => signature.NotConfiguredReason;

    // Nothing to look up: the key is in the options and a stale signature is refused by its timestamp alone.
    public ValueTask<string?> RefusalAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Refusal(headers, body.Span));

    private string? Refusal(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        // A header sent twice is not SendGrid's: refuse rather than pick one.
        var signed = headers[SignatureHeader];
        var timestamp = headers[TimestampHeader];
        return signed.Count > 1 || timestamp.Count > 1
            ? "The signature headers are repeated."
            : signature.Refusal(signed.ToString(), timestamp.ToString(), body);
    }
}
