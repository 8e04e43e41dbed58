using Iom.Application.Api;

namespace Iom.Application.Panels.Meetings;

/// <summary>A page of a panel's meetings, earliest first, and the link to the next page (absent on the last).</summary>
public sealed record MeetingList(IReadOnlyList<MeetingView> Items, string? Next) : IApiResponse;
