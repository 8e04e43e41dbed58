using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>
/// The rosters as configured (panels.json), the same on every day: a stand-in until membership is managed as data with
/// dated history. A member whose post names them "(Chair)" holds the chair.
/// </summary>
public sealed class ConfiguredPanelRosters(PanelDirectory panels) : IPanelRosters
{
    public Task<PanelRoster> OnDayAsync(PanelCode panel, DateOnly day, CancellationToken cancellationToken)
    {
        var options = panels.Get(panel);
        var members = options.Members.Select(m => new PanelMember(
            m.ObjectId, m.Name, m.Organisation, m.Post, m.Email,
            m.Attendance == Attendance.Permanent ? MemberAttendance.Permanent : MemberAttendance.AsRequired,
            m.Post.Contains("(Chair)", StringComparison.OrdinalIgnoreCase) ? PanelSeat.Chair : PanelSeat.Member,
            SeniorRepresentative: false)).ToList();
        var chair = members.FirstOrDefault(m => m.Seat == PanelSeat.Chair)?.Organisation ?? "";
        return Task.FromResult(new PanelRoster(panel, day, chair, members));
    }
}
