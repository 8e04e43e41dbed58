using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Iom.Application.Identity;

/// <summary>
/// Parses App Service Authentication's X-MS-CLIENT-PRINCIPAL header: base64 JSON
/// <c>{"auth_typ":…,"claims":[{"typ":…,"val":…}],"name_typ":…,"role_typ":"roles"}</c>.
/// </summary>
public static class ClientPrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    // A real principal is a few KiB; anything far larger is refused before decoding.
    private const int MaxHeaderLength = 16 * 1024;
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string TenantIdClaim = "http://schemas.microsoft.com/identity/claims/tenantid";

    /// <summary>Returns the caller, or null with a reason when the header is missing or malformed.</summary>
    public static Caller? TryParse(string? header, out string? failure)
    {
        failure = null;
        if (string.IsNullOrWhiteSpace(header))
        {
            failure = "No client principal was presented.";
            return null;
        }

        if (header.Length > MaxHeaderLength)
        {
            failure = "The client principal is too large.";
            return null;
        }

        Payload? payload;
        try
        {
            var json = Convert.FromBase64String(header.Trim());
            payload = JsonSerializer.Deserialize<Payload>(json);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            failure = "The client principal is not base64-encoded JSON.";
            return null;
        }

        if (payload?.Claims is not { Count: > 0 } rawClaims || rawClaims.Any(c => c?.Type is null || c.Value is null))
        {
            failure = "The client principal has no usable claims.";
            return null;
        }

        var claims = rawClaims.Select(c => (Type: c!.Type!, Value: c.Value!)).ToList();
        var roleType = string.IsNullOrEmpty(payload.RoleType) ? "roles" : payload.RoleType;
        var nameType = string.IsNullOrEmpty(payload.NameType) ? "name" : payload.NameType;
        string? First(params string[] types) =>
            types.Select(t => claims.FirstOrDefault(c => string.Equals(c.Type, t, StringComparison.OrdinalIgnoreCase)).Value)
                 .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

        // People are keyed by their object id alone: an e-mail or user name can be changed in Entra and then
        // name someone else, so a principal without an oid is refused rather than keyed by either.
        var userId = First("oid", ObjectIdClaim);
        if (userId is null)
        {
            failure = "The client principal carries no object id (oid).";
            return null;
        }

        var roles = claims.Where(c => string.Equals(c.Type, roleType, StringComparison.OrdinalIgnoreCase) || c.Type == "roles")
                          .Select(c => c.Value.Trim())
                          .Where(r => r.Length > 0)
                          .ToHashSet(StringComparer.Ordinal);

        var groups = claims.Where(c => string.Equals(c.Type, "groups", StringComparison.OrdinalIgnoreCase))
                           .Select(c => c.Value.Trim())
                           .Where(g => g.Length > 0)
                           .ToHashSet(StringComparer.Ordinal);

        return new Caller(userId, First(nameType, "name"), First("preferred_username", "email", "emails"), First("agency"), roles)
        {
            IdentityProvider = string.IsNullOrWhiteSpace(payload.AuthType) ? null : payload.AuthType.Trim(),
            TenantId = First("tid", TenantIdClaim),
            Groups = groups,
        };
    }

    /// <summary>The identity provider a header built by <see cref="Encode"/> names: Entra ID, as in Azure.</summary>
    public const string EntraProvider = "aad";

    /// <summary>Builds a header value: for the development identity picker and for tests.</summary>
    public static string Encode(string userId, string? name, string? email, string? agency, IEnumerable<string> roles,
        IEnumerable<string>? groups = null, string authType = EntraProvider, string? tenantId = null)
    {
        var claims = new List<Claim?> { new("oid", userId) };
        if (name is not null) claims.Add(new("name", name));
        if (email is not null) claims.Add(new("preferred_username", email));
        if (agency is not null) claims.Add(new("agency", agency));
        if (tenantId is not null) claims.Add(new("tid", tenantId));
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        claims.AddRange((groups ?? []).Select(g => new Claim("groups", g)));
        var payload = new Payload { AuthType = authType, Claims = claims, NameType = "name", RoleType = "roles" };
        return Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(payload));
    }

    private sealed class Payload
    {
        [JsonPropertyName("auth_typ")] public string? AuthType { get; set; }
        [JsonPropertyName("claims")] public List<Claim?>? Claims { get; set; }
        [JsonPropertyName("name_typ")] public string? NameType { get; set; }
        [JsonPropertyName("role_typ")] public string? RoleType { get; set; }
    }

    private sealed class Claim
    {
        public Claim() { }
        public Claim(string type, string value) { Type = type; Value = value; }
        [JsonPropertyName("typ")] public string? Type { get; set; }
        [JsonPropertyName("val")] public string? Value { get; set; }
    }
}
