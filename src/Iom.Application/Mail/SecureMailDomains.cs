using Microsoft.Extensions.Options;

namespace Iom.Application.Mail;

/// <summary>
/// Whether the app may send e-mail to an address. The referral intake refuses an acknowledgement address it would not
/// send to, and <see cref="OnceOnlyMail"/>, through which every e-mail leaves, checks again, so no flow can send elsewhere.
/// </summary>
public sealed class SecureMailDomains(IOptions<MailOptions> options)
{
    public const string Rule = "Use your own email address or one on a secure domain (for example cjsm.net, police.uk, gov.uk or nhs.net)";

    private readonly IReadOnlyList<string> domains = options.Value.EffectiveDomains;

    public IReadOnlyList<string> Domains => domains;

    public bool Allows(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (email is null || at <= 0 || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..].ToLowerInvariant();
        return domains.Any(allowed => Matches(domain, allowed));
    }

    /// <summary>The domain itself or a subdomain of it: <c>met.police.uk</c> matches <c>police.uk</c>, <c>notpolice.uk</c> does not.</summary>
    internal static bool Matches(string domain, string allowed) =>
        domain == allowed || domain.EndsWith("." + allowed, StringComparison.Ordinal);
}
