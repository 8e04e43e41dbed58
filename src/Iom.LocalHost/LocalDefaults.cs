namespace Iom.LocalHost;

/// <summary>
/// The embedded defaults: everything runs on this machine with no Azure account and no Docker. Documents and queues
/// in a SQLite file, e-mails as .eml files in an outbox folder, integration events as JSON files, secrets from
/// configuration, audit anchors appended to a file in the data folder. Any key can be overridden by appsettings,
/// environment variables (e.g. Documents__Provider) or the
/// command line; setting AzureWebJobsStorage (e.g. "UseDevelopmentStorage=true" for Azurite) moves queues there.
/// </summary>
internal static class LocalDefaults
{
    /// <summary>
    /// The development keys of the release doors (SWI's system, and a relay of national events): their secrets are made
    /// at random into local-secrets.json like the others (<see cref="LocalSecretsProvider"/>), so signing a request
    /// locally needs no set-up beyond reading that file (docs/releases.md, "Intake doors").
    /// </summary>
    public const string DevelopmentPrisonKeyId = "local-swi";

    public const string DevelopmentRelayKeyId = "local-relay";

    public static Dictionary<string, string?> For(string workingDirectory)
    {
        var data = Path.Combine(workingDirectory, ".data");
        return new()
        {
            ["Urls"] = LocalHostApp.DefaultUrl,
            ["Documents:Provider"] = "Sqlite",
            ["Sqlite:DataDirectory"] = data,
            ["Mail:Provider"] = "Outbox",
            ["Outbox:Directory"] = Path.Combine(data, "outbox"),
            ["Events:Provider"] = "Folder",
            ["Events:Directory"] = Path.Combine(data, "events"),
            ["Secrets:Provider"] = "Configuration",
            ["AuditAnchors:Provider"] = "File",
            ["Outbox:FromEmail"] = "iom-noreply@localhost.invalid",
            ["Outbox:FromName"] = "IOM (local)",
            ["App:PublicBaseUrl"] = LocalHostApp.DefaultUrl,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Releases:Signing:PrisonKeys:" + DevelopmentPrisonKeyId] = "SWI",
            ["Releases:Signing:RelayKeys:0"] = DevelopmentRelayKeyId,
        };
    }
}
