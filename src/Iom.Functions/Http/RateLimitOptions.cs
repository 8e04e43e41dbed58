namespace Iom.Functions.Http;

/// <summary>Configuration section "RateLimits".</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Requests a minute one caller may make to one rate-limited function (intake).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int PermitsPerMinute { get; set; } = 30;
}
