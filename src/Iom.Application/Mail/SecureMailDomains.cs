using Microsoft.Extensions.Options;

namespace Iom.Application.Mail;

/// <summary>
/// Configuration section "Mail": the one allow-list of domains the app may send e-mail to (<c>Mail:SecureDomains</c>,
/// e.g. <c>Mail__SecureDomains__0=cjsm.net</c>). Unset, it is <see cref="DefaultSecureDomains"/>: the secure routes
/// between agencies (CJSM, police, government, NHS, justice). A domain matches itself and its subdomains.
/// </summary>
public sealed class MailOptions
{
    public const string SectionName = "Mail";

    public static IReadOnlyList<string> DefaultSecureDomains { get; } =
        ["pnn.police.uk", "police.uk", "cjsm.net", "gov.uk", "nhs.net", "justice.gov.uk", "probation.gov.uk", "hmpps.gov.uk"];

    /// <summary>Reserved for documentation (RFC 2606): the local demo's addresses. Allowed in Development only.</summary>
    public const string ExampleDomain = "example";

    public List<string>? SecureDomains { get; set; }

    /// <summary>Set by the composition from the host environment, after binding, so configuration cannot turn it on.</summary>
    public bool AllowExampleDomains { get; set; }

    public IReadOnlyList<string> EffectiveDomains =>
        [.. (SecureDomains is { Count: > 0 } configured ? configured : DefaultSecureDomains).Select(Normalise), .. AllowExampleDomains ? [ExampleDomain] : Array.Empty<string>()];

    internal static string Normalise(string domain) => domain.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant();
}

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
