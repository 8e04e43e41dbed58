namespace Iom.Application.Ports.Secrets;

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

    /// <summary>
    /// Signs the links circulated e-mails carry (HMAC-SHA256): one or more base64 256-bit keys separated by commas, the
    /// first signing, any verifying. A key dropped from the list invalidates the links it signed.
    /// </summary>
    public const string LinksSigningKey = "Links-SigningKey";

    /// <summary>
    /// The HMAC key of one release-notification signing key id (<c>Releases:Signing</c>): a base64 256-bit key, as
    /// <c>openssl rand -base64 32</c> makes, shared with the prison or relay that holds the id. Rotation adds a new id
    /// (and its secret) beside the old, so each id's secret never changes under a sender.
    /// </summary>
    public static string ReleaseSigningKey(string keyId) => "Releases-SigningKey-" + keyId;
}
