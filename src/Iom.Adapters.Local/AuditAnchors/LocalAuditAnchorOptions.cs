using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.Local.AuditAnchors;

/// <summary>Configuration section "AuditAnchors" for the local twin: the file the anchors are appended to.</summary>
public sealed class LocalAuditAnchorOptions
{
    public const string SectionName = "AuditAnchors";

    /// <summary>The anchor file; the local host puts it in its data folder (<c>.data/audit-anchors.jsonl</c>).</summary>
    [Required] public string File { get; set; } = "";
}
