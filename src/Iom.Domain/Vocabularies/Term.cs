namespace Iom.Domain.Vocabularies;

/// <summary>One value of a coded vocabulary.</summary>
/// <param name="Code">What is stored and what measures are keyed by.</param>
/// <param name="Label">How the value is shown (and may be written).</param>
/// <param name="Aliases">Other ways the value is commonly written (a census category's short name): also accepted.</param>
public sealed record Term(string Code, string Label, IReadOnlyList<string> Aliases)
{
    public Term(string code, string label)
        : this(code, label, [])
    {
    }
}
