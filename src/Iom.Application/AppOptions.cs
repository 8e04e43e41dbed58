using System.ComponentModel.DataAnnotations;

namespace Iom.Application;

/// <summary>Configuration section "App".</summary>
public sealed class AppOptions
{
    public const string SectionName = "App";

    /// <summary>Where people sign in to read what an e-mail refers to; e-mails carry links, never personal data.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = null!;
}
