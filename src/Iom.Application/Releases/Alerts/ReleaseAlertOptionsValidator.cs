using Iom.Application.Mail;
using Microsoft.Extensions.Options;

namespace Iom.Application.Releases.Alerts;

/// <summary>Refuses to start with an agency mailbox the app would not send to (off the secure-domain allow-list).</summary>
public sealed class ReleaseAlertOptionsValidator(SecureMailDomains secureDomains) : IValidateOptions<ReleaseAlertOptions>
{
    public ValidateOptionsResult Validate(string? name, ReleaseAlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var refused = options.AgencyMailboxes.Where(m => string.IsNullOrWhiteSpace(m.Key) || !secureDomains.Allows(m.Value)).Select(m => m.Key).ToList();
        return refused.Count == 0 && !string.IsNullOrWhiteSpace(options.HealthAgency)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"ReleaseAlerts: every AgencyMailboxes entry must be an address on a secure domain (Mail:SecureDomains), and HealthAgency must be set. Refused agencies: {string.Join(", ", refused)}.");
    }
}
