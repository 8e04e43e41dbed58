namespace Iom.Application.Panels.Minutes;

public sealed record ActionInput
{
    public string? Description { get; init; }
    public string? OwnerMemberId { get; init; }

    /// <summary>YYYY-MM-DD, today or later.</summary>
    public string? DueDate { get; init; }

    /// <summary>A person the minutes decide about, if the action is about one.</summary>
    public string? PersonId { get; init; }
}
