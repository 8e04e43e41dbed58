namespace Iom.Domain.Panels.Minutes;

/// <summary>
/// The minutes break a rule of the terms of reference, or a rule of their own life (final minutes are immutable).
/// <see cref="Reason"/> is the rule's name (e.g. <c>inquorate</c>); <see cref="DecisionIndex"/> the decision it is about, if one.
/// </summary>
public sealed class MinutesRuleException(string reason, string message, int? decisionIndex = null) : InvalidOperationException(message)
{
    public string Reason { get; } = reason;

    public int? DecisionIndex { get; } = decisionIndex;
}
