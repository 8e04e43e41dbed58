using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.Local.Mail;

/// <summary>Configuration section "Outbox": the folder local mail is written to instead of being sent.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Where <c>.eml</c> files go; a relative path is taken from the current directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Directory { get; set; } = string.Empty;

    /// <summary>The From address written into each file.</summary>
    [Required(AllowEmptyStrings = false)]
    [EmailAddress]
    public string FromEmail { get; set; } = "iom@localhost";

    public string? FromName { get; set; } = "IOM (local)";
}
