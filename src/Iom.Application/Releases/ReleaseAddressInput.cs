namespace Iom.Application.Releases;

/// <summary>A release address as received (<see cref="ReleaseReportRequest.ReleaseAddress"/>): every field a string, checked by the validator.</summary>
public sealed record ReleaseAddressInput
{
    public string? Line1 { get; init; }
    public string? Town { get; init; }
    public string? Postcode { get; init; }
}
