using System.Text.RegularExpressions;

namespace Iom.Domain.Agencies;

/// <summary>
/// The partnership's agencies. A value (a token's claim, a stored referral's agency) names an agency only when it is
/// one of the codes, compared without regard to case or surrounding whitespace: anything else is not guessed at, so a
/// misspelt claim is refused at intake and counted as "unknown" in the rollups rather than becoming a row of its own.
/// </summary>
public sealed partial class AgencyList
{
    /// <summary>The rollup key of a value that is not on the list; no code may take it.</summary>
    public const string Unknown = "unknown";

    private readonly Dictionary<string, Agency> byCode = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">The list breaks a rule of <see cref="Problems"/>.</exception>
    public AgencyList(IReadOnlyList<Agency> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        if (Problems(agencies) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(agencies));
        }

        All = agencies;
        Current = [.. agencies.Where(a => !a.Retired)];
        foreach (var agency in agencies)
        {
            byCode.Add(agency.Code, agency);
        }
    }

    /// <summary>The agencies in the configured order, retired ones included (they name and count old referrals).</summary>
    public IReadOnlyList<Agency> All { get; }

    /// <summary>The agencies whose staff may make a new referral, in the configured order.</summary>
    public IReadOnlyList<Agency> Current { get; }

    /// <summary>The agency a claim or stored value names, if it is on the list (retired ones included).</summary>
    public Agency? Find(string? text) => text is not null && byCode.TryGetValue(text.Trim(), out var agency) ? agency : null;

    /// <summary>What a rollup counts a stored value under: its agency's code, else <see cref="Unknown"/> (never the text itself).</summary>
    public string KeyOf(string? stored) => Find(stored)?.Code ?? Unknown;

    /// <summary>The name a rollup key is shown by: the agency's name, or null for a key that is not one of the codes.</summary>
    public string? NameOf(string key) => byCode.TryGetValue(key, out var agency) && agency.Code == key ? agency.Name : null;

    /// <summary>
    /// Why a list cannot be used: empty (or only retired agencies), a code that is not lower-case letters, digits and
    /// single hyphens (at most 50), a repeated code, the reserved code "unknown", or a missing name. Empty when it can.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<Agency> agencies)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        var problems = new List<string>();
        if (!agencies.Any(a => !a.Retired))
        {
            problems.Add(agencies.Count == 0 ? "the list is empty" : "every agency is retired");
        }

        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var agency in agencies)
        {
            if (!CodePattern().IsMatch(agency.Code))
            {
                problems.Add($"'{agency.Code}' is not an agency code (lower-case letters, digits and hyphens, at most 50)");
            }
            else if (agency.Code == Unknown)
            {
                problems.Add($"'{Unknown}' is kept for referrals of no listed agency");
            }
            else if (!codes.Add(agency.Code))
            {
                problems.Add($"{agency.Code} is listed twice");
            }

            if (string.IsNullOrWhiteSpace(agency.Name))
            {
                problems.Add($"{agency.Code} has no name");
            }
        }

        return problems;
    }

    // ASCII only, and no trailing newline ($ would allow one): the code is a rollup key, a claim value and a subscription name.
    [GeneratedRegex(@"^(?=.{1,50}\z)[a-z0-9]+(-[a-z0-9]+)*\z")]
    private static partial Regex CodePattern();
}
