namespace Iom.Application.Panels.Membership;

/// <summary>
/// A member's details and seat, as a co-ordinator sets them (the whole of them: a change replaces the details).
/// Choices and dates are strings so that a wrong one is answered 400 naming the field.
/// </summary>
public record ChangePanelMemberRequest
{
    public string? Name { get; init; }
    public string? Organisation { get; init; }
    public string? Post { get; init; }

    /// <summary>Where the member's papers are sent: an address on the secure-domain allow-list.</summary>
    public string? Email { get; init; }

    /// <summary>permanent or as-required.</summary>
    public string? Attendance { get; init; }

    /// <summary>member (the default), chair or vice-chair.</summary>
    public string? Seat { get; init; }

    /// <summary>A senior police or council representative (may act as chair when chair and vice-chair are absent).</summary>
    public bool? SeniorRepresentative { get; init; }

    /// <summary>The day the change takes effect (YYYY-MM-DD), today or later; today when absent.</summary>
    public string? EffectiveFrom { get; init; }
}
