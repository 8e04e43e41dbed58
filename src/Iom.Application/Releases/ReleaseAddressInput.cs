namespace Iom.Application.Releases;

/// <summary>The release address of a <see cref="ReleaseReportRequest"/>, as received.</summary>
public sealed record ReleaseAddressInput
{
    public string? Line1 { get; init; }
    public string? Town { get; init; }
    public string? Postcode { get; init; }
}
