namespace Iom.Adapters.Blobs;

/// <summary>Configuration section "AuditAnchors": the storage account and container of the anchors. Give exactly one of the two.</summary>
public sealed class BlobAuditAnchorOptions
{
    public const string SectionName = "AuditAnchors";

    /// <summary>A storage connection string (Azurite's, locally).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint (https://ACCOUNT.blob.core.windows.net), reached with managed identity.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The container; in Azure it carries a time-based immutability policy that allows appends only (infra/main.bicep).</summary>
    public string ContainerName { get; set; } = "audit-anchors";

    /// <summary>Create the container when missing (Azurite); in Azure the template creates it, with its policy.</summary>
    public bool CreateContainerIfNotExists { get; set; }
}
