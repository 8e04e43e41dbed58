namespace Iom.LocalHost;

/// <summary>
/// Secrets the local host makes for itself, so it runs with nothing secret configured or committed: the data-protection
/// key-encryption key and the audit chain's key, generated at random the first time it is asked for into <c>local-secrets.json</c> in the data
/// directory (owner-only where the OS allows) and kept there, so restarts and other local hosts sharing the folder
/// unwrap the same key ring. A configuration source below appsettings, environment variables and the command line:
/// a value configured there (<c>Secrets__DataProtection-KeyEncryptionKey</c>, <c>Secrets__Audit-ChainKey</c>) wins.
/// </summary>
/// <param name="dataDirectory">Sqlite:DataDirectory; when relative, taken from the content root as the SQLite store does.</param>
internal sealed class LocalSecretsSource(string contentRoot, string dataDirectory) : IConfigurationSource
{
    public const string FileName = "local-secrets.json";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSecretsProvider(contentRoot, dataDirectory);
}
