using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iom.Application.Ports.Secrets;
using Iom.Domain.Wire;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// The links circulated e-mails carry: <c>/api/links?token=…</c>, the token an HMAC-SHA256 (secret
/// <see cref="SecretNames.LinksSigningKey"/>: the first key signs, any verifies, so keys rotate like the audit key's)
/// over what it opens and when it expires. A token proves the link came from us and is still fresh; it grants nothing
/// by itself — opening it still needs sign-in and the reader's own right to the document.
/// </summary>
public sealed class CirculationLinks(ISecretStore secrets, IOptions<AppOptions> app)
{
    /// <summary>How long a link works: a month covers the meeting cycle the papers belong to.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private const string Version = "l1";

    public Task<SymmetricKeys> KeysAsync(CancellationToken cancellationToken) =>
        SymmetricKeys.ReadAsync(secrets, SecretNames.LinksSigningKey, cancellationToken);

    /// <summary>The absolute link to <paramref name="target"/> <paramref name="id"/>, expiring <see cref="Lifetime"/> after <paramref name="now"/>.</summary>
    public async Task<string> LinkAsync(LinkTarget target, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Sign(await KeysAsync(cancellationToken), new SignedLink(target, id, now + Lifetime));
        return new Uri(app.Value.PublicBaseUrl, "/api/links?token=" + token).ToString();
    }

    public static string Sign(SymmetricKeys keys, SignedLink link)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(link);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Join('|', WireNames.Of(link.Target), link.Id, link.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))));
        var key = keys.Current;
        return string.Join('.', Version, payload, key.Id, Mac(key, payload));
    }

    /// <summary>What the token opens, if it is ours, unaltered and unexpired.</summary>
    /// <exception cref="LinkRefusedException">Forged, altered, malformed or expired.</exception>
    public async Task<SignedLink> OpenAsync(string? token, DateTimeOffset now, CancellationToken cancellationToken) =>
        Verify(await KeysAsync(cancellationToken), token, now);

    public static SignedLink Verify(SymmetricKeys keys, string? token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var parts = (token ?? "").Split('.');
        if (parts.Length != 4 || parts[0] != Version || keys.Find(parts[2]) is not { } key
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, parts[1])), Encoding.ASCII.GetBytes(parts[3])))
        {
            throw new LinkRefusedException(false, "This link is not one this service made, or it has been changed.");
        }

        // Signed by us, so well formed; checked all the same rather than trusted to be.
        var fields = Base64Url.IsValid(parts[1]) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Split('|') : [];
        if (fields.Length != 3 || !WireNames.TryParse<LinkTarget>(fields[0], out var target)
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            throw new LinkRefusedException(false, "This link is not one this service made, or it has been changed.");
        }

        var link = new SignedLink(target, fields[1], DateTimeOffset.FromUnixTimeSeconds(expires));
        return now < link.Expires ? link : throw new LinkRefusedException(true, "This link has expired.");
    }

    private static string Mac(SymmetricKey key, string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes("iom-link|" + payload)));
}
