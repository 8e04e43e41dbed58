namespace Iom.Application.Panels.Minutes;

/// <summary>The minutes' whole content (a save replaces it); <c>changeSummary</c> is needed to amend final minutes.</summary>
public sealed record SaveMinutesRequest
{
    public IReadOnlyList<AttendeeInput>? Attendance { get; init; }

    /// <summary>Member ids of those who sent apologies.</summary>
    public IReadOnlyList<string>? Apologies { get; init; }

    public IReadOnlyList<DecisionInput>? Decisions { get; init; }
    public IReadOnlyList<ActionInput>? Actions { get; init; }
    public string? ChangeSummary { get; init; }
}
