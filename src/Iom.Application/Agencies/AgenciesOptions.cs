using Iom.Domain.Agencies;

namespace Iom.Application.Agencies;

/// <summary>
/// Configuration section "Agencies", a list (Agencies:0:Code, Agencies:0:Name, Agencies:0:Retired): the partner
/// agencies (shipped as <c>agencies.json</c>). A partnership replaces the file for its own partners (docs/deploy.md):
/// list entries are bound by index, so settings layered over the file can change an agency but cannot shorten the list.
/// </summary>
public sealed class AgenciesOptions
{
    public const string SectionName = "Agencies";

    public List<AgencyOptions> Agencies { get; set; } = [];

    // Codes are not lower-cased here: a code written otherwise is refused at start-up rather than silently changed.
    public IReadOnlyList<Agency> ToAgencies() => [.. Agencies.Select(a => new Agency(a.Code.Trim(), a.Name.Trim(), a.Retired))];
}
