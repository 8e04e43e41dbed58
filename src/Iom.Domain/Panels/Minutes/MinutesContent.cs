namespace Iom.Domain.Panels.Minutes;

/// <summary>What the co-ordinator writes: who came, who sent apologies (member ids), what was decided and the actions.</summary>
public sealed record MinutesContent(
    IReadOnlyList<MinutesAttendee> Attendance,
    IReadOnlyList<string> Apologies,
    IReadOnlyList<MinutesDecision> Decisions,
    IReadOnlyList<MinutesAction> Actions)
{
    public static MinutesContent Empty { get; } = new([], [], [], []);

    /// <summary>Everyone the minutes are about: each decision's person and each action's, once each, in order.</summary>
    public IReadOnlyList<string> PeopleIds =>
        [.. Decisions.Select(d => d.PersonId).Concat(Actions.Select(a => a.PersonId).OfType<string>()).Distinct(StringComparer.Ordinal)];
}
