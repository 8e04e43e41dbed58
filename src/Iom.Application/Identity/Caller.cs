namespace Iom.Application.Identity;

/// <summary>Who is calling: from App Service Authentication's X-MS-CLIENT-PRINCIPAL in Azure.</summary>
/// <param name="UserId">The user's Entra object id (<c>oid</c>): the only key for who someone is. It never changes,
/// unlike the e-mail or user name, which Entra lets be edited.</param>
/// <param name="Email">For sending mail only; never a key for access or limits.</param>
/// <param name="Agency">The caller's agency code, from the "agency" claim; null when the token has none.</param>
public sealed record Caller(string UserId, string? Name, string? Email, string? Agency, IReadOnlySet<string> Roles)
{
    /// <summary>The identity provider that signed the caller in (the principal's <c>auth_typ</c>, e.g. "aad").</summary>
    public string? IdentityProvider { get; init; }

    /// <summary>The Entra tenant the caller's token came from (<c>tid</c>), when the principal carries one.</summary>
    public string? TenantId { get; init; }

    /// <summary>Entra group object ids (<c>groups</c> claims): a panel may be given by group.</summary>
    public IReadOnlySet<string> Groups { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The panels the caller sits on today by the stored rosters, loaded by the HTTP pipeline before the object rules
    /// run (<see cref="Panels.Membership.PanelSeats"/>); empty when not loaded, so a rule fails closed.
    /// </summary>
    public IReadOnlySet<Iom.Domain.Referrals.PanelCode> SeatedPanels { get; init; } = NoPanels;

    // One shared empty set, so two callers that differ in nothing compare equal.
    private static readonly IReadOnlySet<Iom.Domain.Referrals.PanelCode> NoPanels = new HashSet<Iom.Domain.Referrals.PanelCode>();

    public bool IsIn(string role) => Roles.Contains(role);
}
