using Iom.Application.Api;

namespace Iom.Application.Panels.Meetings;

/// <summary>What creating meetings answers: the panel's code and each meeting asked for.</summary>
public sealed record CreatedMeetings(string Panel, IReadOnlyList<CreatedMeeting> Meetings) : IApiResponse;
