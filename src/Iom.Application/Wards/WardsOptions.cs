using Iom.Domain.Wards;

namespace Iom.Application.Wards;

/// <summary>
/// Configuration section "Wards", a list (Wards:0:Code, Wards:0:Name, Wards:0:Aliases:0, Wards:0:Retired): the local authority's wards (shipped as <c>wards.json</c>, Richmond upon Thames).
/// A partnership replaces the file for its own area (docs/deploy.md): list entries are bound by index, so settings
/// layered over the file can change a ward but cannot shorten the list.
/// </summary>
public sealed class WardsOptions
{
    public const string SectionName = "Wards";

    public List<WardOptions> Wards { get; set; } = [];

    public IReadOnlyList<Ward> ToWards() =>
        [.. Wards.Select(w => new Ward(w.Code.Trim(), w.Name.Trim(), [.. w.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim())], w.Retired))];
}
