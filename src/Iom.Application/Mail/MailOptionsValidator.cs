using Microsoft.Extensions.Options;

namespace Iom.Application.Mail;

/// <summary>Refuses to start with an allow-list entry that is not a plain domain, or with the demo domain outside Development.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var bad = (options.SecureDomains ?? []).Where(d => !IsPlainDomain(MailOptions.Normalise(d))).ToList();
        var example = (options.SecureDomains ?? []).Select(MailOptions.Normalise).Any(d => SecureMailDomains.Matches(d, MailOptions.ExampleDomain));
        return (bad.Count, example && !options.AllowExampleDomains) switch
        {
            (0, false) => ValidateOptionsResult.Success,
            _ => ValidateOptionsResult.Fail(
                $"Mail:SecureDomains must be plain domain names (like cjsm.net), not addresses or wildcards; '.example' is for Development only. Refused: {string.Join(", ", bad.Append(example ? MailOptions.ExampleDomain : null).OfType<string>())}."),
        };
    }

    private static bool IsPlainDomain(string domain) =>
        domain.Length is > 0 and <= 253 && domain.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-');
}
