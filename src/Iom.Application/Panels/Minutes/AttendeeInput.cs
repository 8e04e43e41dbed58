namespace Iom.Application.Panels.Minutes;

/// <summary>A member present (<c>memberId</c>), or a delegate (<c>delegateFor</c> with name, organisation and e-mail).</summary>
public sealed record AttendeeInput
{
    public string? MemberId { get; init; }
    public string? DelegateFor { get; init; }
    public string? Name { get; init; }
    public string? Organisation { get; init; }
    public string? Email { get; init; }
}
