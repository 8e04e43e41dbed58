using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.Local.Events;

/// <summary>Configuration section "Events": the folder local integration events are written to.</summary>
public sealed class EventsFolderOptions
{
    public const string SectionName = "Events";

    /// <summary>Where <c>.json</c> files go; a relative path is taken from the current directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = string.Empty;
}
