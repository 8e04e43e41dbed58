using System.Text.RegularExpressions;

namespace Iom.Domain.Wards;

/// <summary>
/// The local authority's wards. A ward is written as its ONS code, or as its name or an alias, compared without regard
/// to case, surrounding or repeated whitespace, or "&amp;" for "and" (how ward names are commonly written); nothing
/// else resolves, so a misspelling is refused or reported rather than guessed.
/// </summary>
public sealed partial class WardList
{
    private readonly Dictionary<string, Ward> byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ward> byName = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">The list breaks a rule of <see cref="Problems"/>.</exception>
    public WardList(IReadOnlyList<Ward> wards)
    {
        ArgumentNullException.ThrowIfNull(wards);
        if (Problems(wards) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(wards));
        }

        All = wards;
        Current = [.. wards.Where(w => !w.Retired)];
        foreach (var ward in wards)
        {
            byCode.Add(ward.Code, ward);
            foreach (var name in ward.Aliases.Prepend(ward.Name))
            {
                byName.TryAdd(Key(name), ward);
            }
        }
    }

    /// <summary>The wards in the configured order, retired ones included (they name and count old records).</summary>
    public IReadOnlyList<Ward> All { get; }

    /// <summary>The wards a new referral may name, in the configured order (the form lists them so).</summary>
    public IReadOnlyList<Ward> Current { get; }

    /// <summary>The shape of an ONS ward code in England (E05) or Wales (W05).</summary>
    public static bool IsCode(string? text) => text is not null && CodePattern().IsMatch(text);

    /// <summary>The ward with this code, if the list has it (codes are upper case, as ONS writes them).</summary>
    public Ward? Find(string? code) => code is not null && byCode.TryGetValue(code.Trim().ToUpperInvariant(), out var ward) ? ward : null;

    /// <summary>The ward a caller or a stored record wrote: its code, or its name or an alias.</summary>
    public Ward? Resolve(string? text) => string.IsNullOrWhiteSpace(text) ? null
        : Find(text) ?? (byName.TryGetValue(Key(text), out var ward) ? ward : null);

    /// <summary>What a stored ward value is, and the ward it names when it names one.</summary>
    public (WardMatch Match, Ward? Ward) Classify(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return (WardMatch.None, null);
        }

        if (byCode.TryGetValue(stored, out var coded))
        {
            return (WardMatch.Code, coded);
        }

        return Resolve(stored) is { } ward ? (WardMatch.Name, ward) : (WardMatch.Unknown, null);
    }

    /// <summary>
    /// Why a list cannot be used: empty (or only retired wards), a code not of the ONS ward shape, a repeated code, or a name or alias that
    /// would resolve to two wards (or that is another ward's code). Empty when it can.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Ward> wards)
    {
        ArgumentNullException.ThrowIfNull(wards);
        var problems = new List<string>();
        if (!wards.Any(w => !w.Retired))
        {
            problems.Add(wards.Count == 0 ? "the list is empty" : "every ward is retired");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var ward in wards)
        {
            if (!IsCode(ward.Code))
            {
                problems.Add($"'{ward.Code}' is not an ONS ward code (E05 or W05 and six digits)");
            }
            else if (!codes.Add(ward.Code))
            {
                problems.Add($"{ward.Code} is listed twice");
            }

            if (string.IsNullOrWhiteSpace(ward.Name))
            {
                problems.Add($"{ward.Code} has no name");
            }

            foreach (var name in ward.Aliases.Prepend(ward.Name).Where(n => !string.IsNullOrWhiteSpace(n)))
            {
                var key = Key(name);
                if (names.TryGetValue(key, out var owner) && owner != ward.Code)
                {
                    problems.Add($"'{name}' names both {owner} and {ward.Code}");
                }

                names.TryAdd(key, ward.Code);
            }
        }

        problems.AddRange(wards.Where(w => names.TryGetValue(w.Code, out var owner) && owner != w.Code)
            .Select(w => $"{w.Code} is also a name of {names[w.Code]}"));
        return problems;
    }

    // Case is left to the dictionary's comparer; spacing and "&" are not what tells two wards apart.
    private static string Key(string text) => Spaces().Replace(text.Replace("&", " and ", StringComparison.Ordinal), " ").Trim();

    // ASCII digits only (\d would take any script's), and no trailing newline ($ would allow one).
    [GeneratedRegex(@"^[EW]05[0-9]{6}\z")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
