using Iom.Application.Mail;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Mail;

public sealed class SecureMailDomainsTests
{
    private static SecureMailDomains Domains(bool development, params string[] configured) =>
        new(Options.Create(new MailOptions { SecureDomains = configured.Length > 0 ? [.. configured] : null, AllowExampleDomains = development }));

    [Theory]
    [InlineData("sam.patel@met.pnn.police.uk", true)]
    [InlineData("duty@police.uk", true)]
    [InlineData("officer@org.cjsm.net", true)]
    [InlineData("clerk@richmond.gov.uk", true)]
    [InlineData("Nurse@NHS.NET", true)]
    [InlineData("someone@hmpps.gov.uk", true)]
    [InlineData("someone@notpolice.uk", false)]
    [InlineData("someone@gov.uk.attacker.com", false)]
    [InlineData("someone@gmail.com", false)]
    [InlineData("anyone@external.example", false)]
    [InlineData("gov.uk", false)]
    [InlineData("someone@", false)]
    public void By_default_only_the_secure_government_police_nhs_and_cjsm_domains_and_their_subdomains_are_allowed(string email, bool allowed) =>
        Domains(development: false).Allows(email).ShouldBe(allowed);

    [Fact]
    public void The_demo_example_domains_are_allowed_in_Development_only()
    {
        Domains(development: true).Allows("iom.coordinator@richmond-iom.example").ShouldBeTrue();
        Domains(development: true).Allows("sam@police.dev.example").ShouldBeTrue();
        Domains(development: false).Allows("iom.coordinator@richmond-iom.example").ShouldBeFalse();
    }

    [Fact]
    public void A_configured_list_replaces_the_defaults()
    {
        var domains = Domains(false, "richmond.gov.uk", ".CJSM.net");

        domains.Allows("clerk@richmond.gov.uk").ShouldBeTrue();
        domains.Allows("officer@org.cjsm.net").ShouldBeTrue();
        domains.Allows("clerk@kingston.gov.uk").ShouldBeFalse();
    }

    [Theory]
    [InlineData("*.gov.uk")]
    [InlineData("someone@gov.uk")]
    [InlineData("")]
    [InlineData("example")]
    [InlineData("partner.example")]
    public void The_start_up_check_refuses_an_entry_that_is_not_a_plain_domain_or_is_the_demo_domain_outside_Development(string entry)
    {
        var result = new MailOptionsValidator().Validate(null, new MailOptions { SecureDomains = [entry] });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("Mail:SecureDomains");
    }

    [Fact]
    public void The_start_up_check_accepts_plain_domains_and_the_demo_domain_in_Development()
    {
        new MailOptionsValidator().Validate(null, new MailOptions { SecureDomains = ["richmond.gov.uk", "cjsm.net"] }).Succeeded.ShouldBeTrue();
        new MailOptionsValidator().Validate(null, new MailOptions { SecureDomains = ["partner.example"], AllowExampleDomains = true }).Succeeded.ShouldBeTrue();
    }
}
