namespace Iom.Application.Panels.Membership;

/// <summary>A new member: who they are (their Entra object id) and their details.</summary>
public sealed record AddPanelMemberRequest : ChangePanelMemberRequest
{
    /// <summary>The member's Entra object id (<c>oid</c>), a GUID: what their seat, and their access, follow.</summary>
    public string? MemberId { get; init; }
}
