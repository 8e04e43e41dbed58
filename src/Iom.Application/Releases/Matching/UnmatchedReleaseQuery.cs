namespace Iom.Application.Releases.Matching;

/// <summary>A page of the unmatched list: <see cref="Continuation"/> is the token the page before gave, if any.</summary>
public sealed record UnmatchedReleaseQuery(int PageSize, string? Continuation = null);
