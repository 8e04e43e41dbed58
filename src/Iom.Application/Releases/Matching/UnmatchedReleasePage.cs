using Iom.Application.Api;

namespace Iom.Application.Releases.Matching;

/// <summary>A page of the unmatched list, oldest first, and the link to the next page (absent on the last).</summary>
public sealed record UnmatchedReleasePage(IReadOnlyList<UnmatchedReleaseSummary> Items, string? Next) : IApiResponse;
