using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Adapters.Local.Secrets;
using Iom.Application.Ports.Secrets;

namespace Iom.LocalHost;

internal sealed class LocalSecretsProvider(string contentRoot, string dataDirectory) : ConfigurationProvider
{
    // Each a base64 256-bit key: the key ring's key-encryption key, the audit chain's key, the links' signing key and
    // the release doors' development keys.
    private static readonly string[] Generated =
    [
        SecretNames.DataProtectionKeyEncryptionKey, SecretNames.AuditChainKey, SecretNames.LinksSigningKey,
        SecretNames.ReleaseSigningKey(LocalDefaults.DevelopmentPrisonKeyId), SecretNames.ReleaseSigningKey(LocalDefaults.DevelopmentRelayKeyId),
    ];

    // Lazy rather than loaded at start-up: a file is made only when a key is first needed (verify-audit needs the
    // audit key, so it makes one for a folder without, and then reports every record as signed with an unknown key),
    // and the file is read on every ask, so editing it locally is a rotation too.
    public override bool TryGet(string key, out string? value)
    {
        foreach (var name in Generated)
        {
            if (string.Equals(key, ConfigurationSecretStore.SectionName + ":" + name, StringComparison.OrdinalIgnoreCase))
            {
                value = ReadOrCreate(name);
                return true;
            }
        }

        value = null;
        return false;
    }

    private string ReadOrCreate(string name)
    {
        var path = Path.GetFullPath(Path.Combine(contentRoot, dataDirectory, LocalSecretsSource.FileName));
        if (!File.Exists(path))
        {
            Create(path);
        }

        if (Read(path, name) is { } value)
        {
            return value;
        }

        // A file made before this secret was generated: add it, keeping the others.
        AddMissing(path);
        return Read(path, name)
               ?? throw new InvalidOperationException($"{path} has no {ConfigurationSecretStore.SectionName}:{name}; delete the file to have new keys made (what the old keys protected is then lost).");
    }

    private static string? Read(string path, string name) =>
        (string?)JsonNode.Parse(File.ReadAllText(path))?[ConfigurationSecretStore.SectionName]?[name];

    private static JsonObject NewSecrets(JsonObject? present)
    {
        var secrets = present ?? new JsonObject();
        foreach (var name in Generated.Where(n => secrets[n] is null))
        {
            secrets[name] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }

        return secrets;
    }

    private static void Create(string path)
    {
        Iom.Adapters.Sqlite.OwnerOnly.CreateFolder(Path.GetDirectoryName(path)!);
        var temporary = WriteAside(path, new JsonObject { [ConfigurationSecretStore.SectionName] = NewSecrets(null) });

        // Moved into place without overwriting: two hosts starting on one folder end up with the same keys (the loser
        // of the race reads the winner's) and neither ever reads a half-written file.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    private static void AddMissing(string path)
    {
        // Under an exclusive lock, re-read and then replace: two hosts adding at once keep one key, not two.
        using var guard = Lock(path + ".lock");
        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? new JsonObject();
        var present = json[ConfigurationSecretStore.SectionName] as JsonObject;
        json[ConfigurationSecretStore.SectionName] = NewSecrets(present?.DeepClone() as JsonObject);
        File.Move(WriteAside(path, json), path, overwrite: true);
    }

    private static FileStream Lock(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }

    private static string WriteAside(string path, JsonObject json)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(temporary, options);
        writer.Write(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return temporary;
    }
}
