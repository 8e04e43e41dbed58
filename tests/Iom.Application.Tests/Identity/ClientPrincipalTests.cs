using System.Text;
using Iom.Application.Identity;

namespace Iom.Application.Tests.Identity;

public sealed class ClientPrincipalTests
{
    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void An_app_service_principal_gives_the_caller_roles_agency_and_email()
    {
        var header = Base64("""
            {"auth_typ":"aad","claims":[
              {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0b5c-oid"},
              {"typ":"name","val":"Sam Patel"},
              {"typ":"preferred_username","val":"sam.patel@met.police.uk"},
              {"typ":"agency","val":"police"},
              {"typ":"roles","val":"iom.referrer"},
              {"typ":"roles","val":"iom.panel-member"}],
             "name_typ":"name","role_typ":"roles"}
            """);

        var caller = ClientPrincipal.TryParse(header, out var failure);

        failure.ShouldBeNull();
        caller.ShouldNotBeNull();
        caller.UserId.ShouldBe("0b5c-oid");
        caller.Name.ShouldBe("Sam Patel");
        caller.Email.ShouldBe("sam.patel@met.police.uk");
        caller.Agency.ShouldBe("police");
        caller.Roles.ShouldBe(["iom.referrer", "iom.panel-member"], ignoreOrder: true);
    }

    [Fact]
    public void The_email_claim_is_used_when_there_is_no_preferred_username()
    {
        var header = Base64("""{"claims":[{"typ":"oid","val":"o-1"},{"typ":"email","val":"a@b.gov.uk"},{"typ":"roles","val":"iom.analyst"}],"role_typ":"roles"}""");

        var caller = ClientPrincipal.TryParse(header, out _);

        caller!.Email.ShouldBe("a@b.gov.uk");
        caller.UserId.ShouldBe("o-1");
    }

    [Theory]
    [InlineData("""{"claims":[{"typ":"preferred_username","val":"a@b.gov.uk"},{"typ":"roles","val":"iom.referrer"}]}""")]
    [InlineData("""{"claims":[{"typ":"email","val":"a@b.gov.uk"},{"typ":"roles","val":"iom.referrer"}]}""")]
    [InlineData("""{"claims":[{"typ":"sub","val":"pairwise-subject"},{"typ":"preferred_username","val":"a@b.gov.uk"},{"typ":"roles","val":"iom.referrer"}]}""")]
    [InlineData("""{"claims":[{"typ":"oid","val":"  "},{"typ":"preferred_username","val":"a@b.gov.uk"},{"typ":"roles","val":"iom.referrer"}]}""")]
    public void A_principal_without_an_object_id_is_refused_and_never_keyed_by_its_email_or_subject(string json)
    {
        var caller = ClientPrincipal.TryParse(Base64(json), out var failure);

        caller.ShouldBeNull();
        failure.ShouldBe("The client principal carries no object id (oid).");
    }

    [Fact]
    public void The_provider_tenant_and_groups_of_the_principal_are_read()
    {
        var header = Base64("""
            {"auth_typ":"aad","claims":[
              {"typ":"oid","val":"o-1"},
              {"typ":"http://schemas.microsoft.com/identity/claims/tenantid","val":"t-1"},
              {"typ":"groups","val":"g-1"},{"typ":"groups","val":"g-2"}]}
            """);

        var caller = ClientPrincipal.TryParse(header, out _)!;

        caller.IdentityProvider.ShouldBe("aad");
        caller.TenantId.ShouldBe("t-1");
        caller.Groups.ShouldBe(["g-1", "g-2"], ignoreOrder: true);
    }

    [Fact]
    public void Roles_are_read_from_the_claim_type_the_principal_names()
    {
        var header = Base64("""{"claims":[{"typ":"oid","val":"x"},{"typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role","val":"iom.auditor"}],"role_typ":"http://schemas.microsoft.com/ws/2008/06/identity/claims/role"}""");

        ClientPrincipal.TryParse(header, out _)!.Roles.ShouldBe(["iom.auditor"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64 at all!")]
    [InlineData("e30=")] // {}
    [InlineData("W10=")] // []
    [InlineData("bnVsbA==")] // null
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6MX1dfQ==")] // {"claims":[{"typ":1}]}
    [InlineData("eyJjbGFpbXMiOlt7InR5cCI6InJvbGVzIiwidmFsIjoiaW9tLmFuYWx5c3QifV19")] // roles only: no user
    [InlineData("/w==")] // a lone invalid UTF-8 byte
    public void A_missing_or_malformed_principal_gives_no_caller_and_a_reason(string? header)
    {
        var caller = ClientPrincipal.TryParse(header, out var failure);

        caller.ShouldBeNull();
        failure.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void An_oversized_principal_is_refused_before_it_is_decoded()
    {
        var header = Base64("{\"claims\":[" + string.Join(",", Enumerable.Repeat("{\"typ\":\"roles\",\"val\":\"iom.analyst\"}", 2000)) + "]}");

        ClientPrincipal.TryParse(header, out var failure).ShouldBeNull();
        failure.ShouldBe("The client principal is too large.");
    }

    [Fact]
    public void An_encoded_principal_reads_back_as_the_same_caller()
    {
        var header = ClientPrincipal.Encode("u1", "Jo Bloggs", "jo@probation.gov.uk", "probation", [Roles.Referrer]);

        var caller = ClientPrincipal.TryParse(header, out _);

        caller.ShouldBe(new Caller("u1", "Jo Bloggs", "jo@probation.gov.uk", "probation", caller!.Roles) { IdentityProvider = "aad", Groups = caller.Groups });
        caller.Roles.ShouldBe([Roles.Referrer]);
    }
}
