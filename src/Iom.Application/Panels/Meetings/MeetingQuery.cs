using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Meetings;

/// <summary>A page of a panel's meetings dated <see cref="From"/> to <see cref="To"/> (both included, To open when null).</summary>
public sealed record MeetingQuery(PanelCode Panel, DateOnly From, DateOnly? To, int PageSize, string? Continuation = null);
