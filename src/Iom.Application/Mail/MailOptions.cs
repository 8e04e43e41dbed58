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
