using Microsoft.Extensions.Options;

namespace Iom.Application.Mail;

/// <summary>Refuses to start with an event webhook key that is not a P-256 public key (base64 DER SubjectPublicKeyInfo).</summary>
public sealed class MailEventOptionsValidator : IValidateOptions<MailEventOptions>
{
    public ValidateOptionsResult Validate(string? name, MailEventOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.EventWebhookPublicKey) || MailEventSignature.TryImport(options.EventWebhookPublicKey, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("SendGrid:EventWebhookPublicKey must be SendGrid's signed event webhook key: base64 of a P-256 public key's DER SubjectPublicKeyInfo.");
    }
}
