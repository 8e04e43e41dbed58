using System.ComponentModel.DataAnnotations;

namespace Iom.Functions.Http;

/// <summary>Configuration section "Authentication": whose sign-ins the app accepts.</summary>
public sealed class IdentityProviderOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The principal's <c>auth_typ</c> must be this: the provider configured in App Service Authentication.</summary>
    [Required] public string IdentityProvider { get; set; } = "aad";

    /// <summary>When set, the principal's tenant (<c>tid</c>) must be this Entra tenant (Bicep sets the partnership's).</summary>
    public string? TenantId { get; set; }
}
