using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.KeyVault;

/// <summary>Configuration section "KeyVault".</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>e.g. https://iom-prod-kv.vault.azure.net/. Reached with the app's managed identity.</summary>
    [Required]
    public Uri? VaultUri { get; set; }

    /// <summary>How long a value read is reused; a rotated secret is seen at most this long after rotation.</summary>
    [Range(0, 86_400)]
    public int CacheSeconds { get; set; } = 300;
}
