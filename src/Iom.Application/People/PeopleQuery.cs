namespace Iom.Application.People;

/// <summary>What a subject-access requester (or an auditor) knows about a person: any of these, at least one.</summary>
public sealed record PeopleQuery(string? Pnc, string? Cro, string? Noms, string? Crn, string? Reference);
