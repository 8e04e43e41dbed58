using System.Globalization;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// The scheduled circulation of agenda packs (ToR 1.13, 4.11). On a working day, from early morning London time, every
/// meeting still ahead whose agenda is due today or was due on a day the job did not run gets its agenda: each member
/// on the roster for the meeting day a link to the pack with the invitation, each listed referral's nominating officer
/// an invitation to attend. A referral listed after the agenda went out (an emergency) goes out as that day's addendum.
/// Run as often as wanted: each circulation's id is fixed (meeting, kind, issue), so a repeat creates nothing.
/// </summary>
public sealed class AgendaCirculation(
    IDocumentStore documents,
    MeetingCalendar meetings,
    IPanelRosters rosters,
    PanelDirectory panels,
    SecureMailDomains secure,
    MeetingPapers papers,
    CirculationMails mails,
    Circulator circulator,
    WorkingDayCalendar calendar,
    TimeProvider time)
{
    /// <summary>The London hour from which the job circulates: papers arrive at the start of the working day.</summary>
    public const int EarliestLondonHour = 6;

    public const string AgendaPurpose = "Panel administration: circulating the agenda pack";

    public async Task<AgendaCirculationReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var london = LondonTime.ToLondon(now);
        var today = DateOnly.FromDateTime(london.DateTime);
        var report = new AgendaCirculationReport(0, 0, 0, 0);
        if (!calendar.IsWorkingDay(today) || london.Hour < EarliestLondonHour)
        {
            return report;
        }

        foreach (var panel in Enum.GetValues<PanelCode>().Where(p => panels.Find(p) is not null))
        {
            foreach (var meeting in await meetings.UpcomingAsync(panel, today.AddDays(1), cancellationToken))
            {
                var due = CirculationDates.AgendaDue(meeting.Date, calendar);
                if (due > today)
                {
                    break; // Upcoming meetings come in date order, and so do their due dates.
                }

                report = Add(report, await CirculateAsync(meeting.Id(), meeting, due, today, now, cancellationToken));
            }
        }

        return report;
    }

    private async Task<AgendaCirculationReport> CirculateAsync(MeetingId id, Meeting meeting, DateOnly due, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var agenda = await documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(id, CirculationKind.Agenda, "1"), cancellationToken);
        if (agenda is null)
        {
            var listed = await papers.ListedAsync(meeting.Panel, meeting.Date, cancellationToken);
            var roster = await rosters.OnDayAsync(meeting.Panel, meeting.Date, cancellationToken);
            var circulation = Circulation.Start(id, CirculationKind.Agenda, "1", due, now,
                [.. roster.Members.Select(m => new CirculationAddressee(m.Email, m.Name, RecipientRole.Member)), .. Officers(listed)],
                secure.Allows, [.. listed.Select(r => r.Id)], sequence: meeting.Sequence);
            return await SendAsync(id, meeting, circulation, now, cancellationToken);
        }

        // The agenda went out: anything listed since goes in today's addendum, once.
        var issue = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (await documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(id, CirculationKind.Addendum, issue), cancellationToken) is not null)
        {
            return new AgendaCirculationReport(0, 0, 0, 0);
        }

        var sent = (await papers.CirculationsAsync(id, cancellationToken))
            .Where(c => c.Value.Kind is CirculationKind.Agenda or CirculationKind.Addendum)
            .SelectMany(c => c.Value.ReferralIds).ToHashSet(StringComparer.Ordinal);
        var added = (await papers.ListedAsync(meeting.Panel, meeting.Date, cancellationToken)).Where(r => !sent.Contains(r.Id)).ToList();
        if (added.Count == 0)
        {
            return new AgendaCirculationReport(0, 0, 0, 0);
        }

        var members = await rosters.OnDayAsync(meeting.Panel, meeting.Date, cancellationToken);
        var addendum = Circulation.Start(id, CirculationKind.Addendum, issue, today, now,
            [.. members.Members.Select(m => new CirculationAddressee(m.Email, m.Name, RecipientRole.Member)), .. Officers(added)],
            secure.Allows, [.. added.Select(r => r.Id)], sequence: meeting.Sequence);
        return await SendAsync(id, meeting, addendum, now, cancellationToken);
    }

    private async Task<AgendaCirculationReport> SendAsync(MeetingId id, Meeting meeting, Circulation circulation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var created = await circulator.CirculateAsync(circulation,
            (recipient, mailId) => mails.ForAsync(circulation, recipient, mailId, id, meeting, now, cancellationToken), cancellationToken);
        return created
            ? new AgendaCirculationReport(circulation.Kind == CirculationKind.Agenda ? 1 : 0, circulation.Kind == CirculationKind.Addendum ? 1 : 0,
                circulation.Sendable.Count(), circulation.Recipients.Count(r => r.Held))
            : new AgendaCirculationReport(0, 0, 0, 0);
    }

    /// <summary>Each listed referral's nominating officer (its referrer), once per referral.</summary>
    private static IEnumerable<CirculationAddressee> Officers(IEnumerable<Referral> listed) =>
        listed.Select(r => new CirculationAddressee(r.Referrer.Email, r.Referrer.Name, RecipientRole.NominatingOfficer, r.Id,
            new Dictionary<string, string> { ["reference"] = r.Reference, ["personId"] = r.PersonId }));

    private static AgendaCirculationReport Add(AgendaCirculationReport a, AgendaCirculationReport b) =>
        new(a.Agendas + b.Agendas, a.Addenda + b.Addenda, a.Queued + b.Queued, a.Held + b.Held);
}
