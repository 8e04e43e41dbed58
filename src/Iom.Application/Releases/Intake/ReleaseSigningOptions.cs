namespace Iom.Application.Releases.Intake;

/// <summary>
/// Who may sign release notifications (section <c>Releases:Signing</c>): each key id names one key, whose secret is
/// <see cref="Ports.Secrets.SecretNames.ReleaseSigningKey"/> of the id (Key Vault in Azure). A prison has as many key ids
/// as it is rotating through; a relay of national events has its own ids, so neither kind of key opens the other door.
/// </summary>
public sealed class ReleaseSigningOptions
{
    public const string SectionName = "Releases:Signing";

    /// <summary>Key id → the prison code it reports for (e.g. <c>swi-2026-11</c> → <c>SWI</c>).</summary>
    public Dictionary<string, string> PrisonKeys { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Key ids of relays that post HMPPS domain events as published (<c>POST /api/prison-events</c>).</summary>
    public List<string> RelayKeys { get; init; } = [];
}
