namespace Iom.Application.Releases.Matching;

/// <summary>A co-ordinator confirming a possible match: which candidate, needed only when there are several.</summary>
public sealed record ConfirmReleaseMatchRequest
{
    public string? PersonId { get; init; }
}
