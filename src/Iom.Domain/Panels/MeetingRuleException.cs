namespace Iom.Domain.Panels;

/// <summary>
/// A meeting rule refused a change, and nothing changed. <see cref="Rule"/> is the rule's kebab-case name (it ends the
/// problem type); <see cref="StateConflict"/> says the meeting's state refused it (held, cancelled) rather than the
/// date asked for.
/// </summary>
public sealed class MeetingRuleException(string rule, string message, bool stateConflict = false) : Exception(message)
{
    public string Rule { get; } = rule;

    public bool StateConflict { get; } = stateConflict;
}
