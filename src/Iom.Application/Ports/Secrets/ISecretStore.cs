namespace Iom.Application.Ports.Secrets;

/// <summary>
/// Secrets by name (Key Vault in Azure, configuration locally). Callers ask each time they need a value rather than
/// keeping it, so a rotated secret is picked up without a restart; adapters cache briefly.
/// </summary>
public interface ISecretStore
{
    /// <exception cref="SecretNotFoundException">No secret has that name.</exception>
    ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default);
}

public sealed class SecretNotFoundException(string name, Exception? inner = null)
    : Exception($"Secret '{name}' was not found.", inner)
{
    public string Name { get; } = name;
}

/// <summary>
/// A secret exists but its value is not what the app expects. The message names the secret and says what is wrong; it
/// never contains the value or any part of it, so it may be logged and shown on the health report.
/// </summary>
public sealed class MalformedSecretException(string name, string problem)
    : Exception($"Secret '{name}' is malformed: {problem}")
{
    public string Name { get; } = name;
}

/// <summary>Names of the secrets the app uses.</summary>
public static class SecretNames
{
    public const string SendGridApiKey = "SendGrid-ApiKey";

    /// <summary>
    /// Wraps the data-protection key ring at rest: one or more base64 256-bit keys separated by commas, the first used to
    /// wrap new keys, any to unwrap (see README, "Pointing at real Azure resources", for creating and rotating it).
    /// </summary>
    public const string DataProtectionKeyEncryptionKey = "DataProtection-KeyEncryptionKey";

    /// <summary>
    /// Keys the audit chain (HMAC-SHA256 over each record): one or more base64 256-bit keys separated by commas, the
    /// first signing new records, any verifying. Old keys stay listed for as long as records they signed are kept.
    /// </summary>
    public const string AuditChainKey = "Audit-ChainKey";
}
