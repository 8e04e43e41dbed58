using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Adapters.Local.Secrets;
using Iom.Application.Ports.Secrets;

namespace Iom.LocalHost;

/// <summary>
/// Secrets the local host makes for itself, so it runs with nothing secret configured or committed: the data-protection
/// key-encryption key, generated at random the first time it is asked for into <c>local-secrets.json</c> in the data
/// directory (owner-only where the OS allows) and kept there, so restarts and other local hosts sharing the folder
/// unwrap the same key ring. A configuration source below appsettings, environment variables and the command line:
/// a value configured there (<c>Secrets__DataProtection-KeyEncryptionKey</c>) wins, and then no file is made.
/// </summary>
/// <param name="dataDirectory">Sqlite:DataDirectory; when relative, taken from the content root as the SQLite store does.</param>
internal sealed class LocalSecretsSource(string contentRoot, string dataDirectory) : IConfigurationSource
{
    public const string FileName = "local-secrets.json";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LocalSecretsProvider(contentRoot, dataDirectory);
}

internal sealed class LocalSecretsProvider(string contentRoot, string dataDirectory) : ConfigurationProvider
{
    private const string KekKey = ConfigurationSecretStore.SectionName + ":" + SecretNames.DataProtectionKeyEncryptionKey;

    // Lazy rather than loaded at start-up: commands that build the host without serving (verify-audit) make no file,
    // and the file is read on every ask, so editing it locally is a rotation too.
    public override bool TryGet(string key, out string? value)
    {
        if (string.Equals(key, KekKey, StringComparison.OrdinalIgnoreCase))
        {
            value = ReadOrCreate();
            return true;
        }

        value = null;
        return false;
    }

    private string ReadOrCreate()
    {
        var path = Path.GetFullPath(Path.Combine(contentRoot, dataDirectory, LocalSecretsSource.FileName));
        if (!File.Exists(path))
        {
            Create(path);
        }

        var secrets = JsonNode.Parse(File.ReadAllText(path))?[ConfigurationSecretStore.SectionName];
        return (string?)secrets?[SecretNames.DataProtectionKeyEncryptionKey]
               ?? throw new InvalidOperationException($"{path} has no {KekKey}; delete the file to have a new key made (keys it wrapped are then lost, so forms open at that moment must be restarted).");
    }

    private static void Create(string path)
    {
        Iom.Adapters.Sqlite.OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        var json = new JsonObject
        {
            [ConfigurationSecretStore.SectionName] = new JsonObject
            {
                [SecretNames.DataProtectionKeyEncryptionKey] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            },
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        // Written aside and moved into place without overwriting: two hosts starting on one folder end up with the
        // same key (the loser of the race reads the winner's) and neither ever reads a half-written file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, options))
        {
            writer.Write(json);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
