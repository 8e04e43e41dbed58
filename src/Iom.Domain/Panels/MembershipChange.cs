namespace Iom.Domain.Panels;

/// <summary>Who changed a panel's membership, what, and when: the history the co-ordinators answer for.</summary>
/// <param name="MemberId">The member the change was about; null for a change to the panel itself.</param>
/// <param name="ChangedBy">The co-ordinator's Entra object id.</param>
public sealed record MembershipChange(MembershipChangeKind Kind, string? MemberId, string ChangedBy, DateTimeOffset ChangedAt);
