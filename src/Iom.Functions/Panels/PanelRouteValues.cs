using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Functions.Panels;

/// <summary>The panel and meeting named in a route, or 404 as for one that does not exist.</summary>
internal static class PanelRouteValues
{
    public static PanelCode Panel(string panel) =>
        PanelDirectory.TryParse(panel, out var code) ? code : throw PanelDirectory.NotFound();

    public static MeetingId Meeting(string id) =>
        MeetingId.TryParse(id, out var meeting) ? meeting : throw GetMeetingHandler.NotFound();
}
