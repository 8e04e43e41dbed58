using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.SendGrid;

/// <summary>Configuration section "SendGrid". The API key is not here: it is secret "SendGrid-ApiKey".</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    [Required(AllowEmptyStrings = false)]
    [EmailAddress]
    public string FromEmail { get; set; } = string.Empty;

    public string? FromName { get; set; }

    /// <summary>The API's base address; empty for SendGrid's own. Tests point it at a local server.</summary>
    [Url]
    public string? Host { get; set; }

    /// <summary>SendGrid validates the request and accepts it without delivering anything.</summary>
    public bool SandboxMode { get; set; }
}
