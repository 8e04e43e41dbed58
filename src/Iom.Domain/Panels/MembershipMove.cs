namespace Iom.Domain.Panels;

/// <summary>
/// The result of a membership change: the membership as it now is, the version the change made or rewrote, and the
/// version it closed (the one in force before, which now ends where <paramref name="Version"/> begins), if any.
/// </summary>
public sealed record MembershipMove(PanelMembership Membership, RosterVersion Version, RosterVersion? Closed);
