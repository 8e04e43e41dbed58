namespace Iom.Application.People;

/// <summary>The ids of the people held under what was asked, for an export to start from; empty when nobody is.</summary>
public sealed record FoundPeople(IReadOnlyList<string> PersonIds) : Api.IApiResponse;
