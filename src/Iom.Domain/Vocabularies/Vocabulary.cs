using System.Text.RegularExpressions;

namespace Iom.Domain.Vocabularies;

/// <summary>
/// A closed list of coded values, such as a person's gender or ethnic group. A value is written as its code or its
/// label (or an alias), compared without regard to case or surrounding and repeated spaces, and always stored as its
/// code; nothing else resolves, so free text never becomes a value (nor, later, a key of a measure).
/// </summary>
public sealed partial class Vocabulary
{
    private readonly Dictionary<string, Term> byCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Term> byText = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">Two terms share a code, or a code, label or alias would resolve to two terms.</exception>
    public Vocabulary(string name, IReadOnlyList<Term> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Name = name;
        Terms = terms;
        foreach (var term in terms)
        {
            if (!byCode.TryAdd(term.Code, term))
            {
                throw new ArgumentException($"{name}: the code {term.Code} is listed twice.", nameof(terms));
            }

            foreach (var text in term.Aliases.Prepend(term.Label).Prepend(term.Code))
            {
                if (byText.TryGetValue(Key(text), out var other) && other != term)
                {
                    throw new ArgumentException($"{name}: '{text}' would name both {other.Code} and {term.Code}.", nameof(terms));
                }

                byText[Key(text)] = term;
            }
        }

        Codes = [.. terms.Select(t => t.Code)];
    }

    /// <summary>What the vocabulary is of, as messages name it ("gender").</summary>
    public string Name { get; }

    /// <summary>The terms in the order they are offered.</summary>
    public IReadOnlyList<Term> Terms { get; }

    /// <summary>Every code, in the order they are offered.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>Whether <paramref name="code"/> is exactly one of the codes (what a stored value must be).</summary>
    public bool IsCode(string? code) => code is not null && byCode.ContainsKey(code);

    /// <summary>The term a caller or a stored record wrote: its code, label or an alias; null for anything else.</summary>
    public Term? Resolve(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : byCode.GetValueOrDefault(text) ?? byText.GetValueOrDefault(Key(text));

    /// <summary>The label of a code, for showing it; null when it is not one.</summary>
    public string? LabelOf(string? code) => code is not null && byCode.TryGetValue(code, out var term) ? term.Label : null;

    private static string Key(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
