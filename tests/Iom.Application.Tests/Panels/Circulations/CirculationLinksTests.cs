using Iom.Application.Panels.Circulations;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Panels.Circulations;

public sealed class CirculationLinksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 12, 24, 7, 0, 0, TimeSpan.Zero);

    private readonly LinkKeys keys = new();

    private CirculationLinks Links => new(keys, Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://iom.example.gov.uk") }));

    private static string TokenOf(string link) => Uri.UnescapeDataString(new Uri(link).Query["?token=".Length..]);

    [Fact]
    public async Task A_link_opens_what_it_was_signed_for_until_it_expires_thirty_days_later()
    {
        var link = await Links.LinkAsync(LinkTarget.Pack, "iom-2027-01-05", Now, Ct);

        link.ShouldStartWith("https://iom.example.gov.uk/api/links?token=");
        var opened = await Links.OpenAsync(TokenOf(link), Now.AddDays(29), Ct);
        (opened.Target, opened.Id, opened.Path).ShouldBe((LinkTarget.Pack, "iom-2027-01-05", "/api/meetings/iom-2027-01-05/pack"));
        opened.Expires.ShouldBe(Now + CirculationLinks.Lifetime);
    }

    [Fact]
    public async Task An_expired_link_is_refused_as_expired()
    {
        var token = TokenOf(await Links.LinkAsync(LinkTarget.Minutes, "iom-2027-01-05", Now, Ct));

        var refused = await Should.ThrowAsync<LinkRefusedException>(() => Links.OpenAsync(token, Now + CirculationLinks.Lifetime, Ct));
        refused.Expired.ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_whose_target_or_expiry_was_altered_or_that_another_key_signed_is_refused_as_forged()
    {
        var token = TokenOf(await Links.LinkAsync(LinkTarget.Outcome, "0123456789abcdef0123456789abcdef", Now, Ct));
        var parts = token.Split('.');
        var otherPayload = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes("pack|iom-2027-01-05|9999999999"));
        var forgedByAnotherKey = CirculationLinks.Sign(
            Ports.Secrets.SymmetricKeys.Parse("k", LinkKeys.NewKey()), new SignedLink(LinkTarget.Pack, "iom-2027-01-05", Now.AddDays(1)));

        foreach (var forged in new[] { string.Join('.', parts[0], otherPayload, parts[2], parts[3]), token + "x", forgedByAnotherKey, "", "l1.a.b.c" })
        {
            (await Should.ThrowAsync<LinkRefusedException>(() => Links.OpenAsync(forged, Now, Ct))).Expired.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task After_rotation_a_link_signed_with_the_old_key_still_opens_while_that_key_is_listed()
    {
        var old = keys.Keys;
        var token = TokenOf(await Links.LinkAsync(LinkTarget.Pack, "iom-2027-01-05", Now, Ct));

        keys.Keys = LinkKeys.NewKey() + "," + old;
        (await Links.OpenAsync(token, Now, Ct)).Id.ShouldBe("iom-2027-01-05");

        keys.Keys = LinkKeys.NewKey();
        await Should.ThrowAsync<LinkRefusedException>(() => Links.OpenAsync(token, Now, Ct));
    }
}
