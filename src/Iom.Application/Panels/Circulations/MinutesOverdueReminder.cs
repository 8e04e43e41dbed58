using System.Globalization;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// Reminds a panel's co-ordinator, each working day, of every meeting whose minutes are past their due date (5 working
/// days after it, ToR 1.14) and not yet circulated. One reminder per meeting per day: its mail id names the day, so the
/// job may run as often as wanted.
/// </summary>
public sealed class MinutesOverdueReminder(
    IDocumentStore documents,
    PanelDirectory panels,
    MeetingPapers papers,
    CirculationLinks links,
    OutboxRelay outbox,
    WorkingDayCalendar calendar,
    TimeProvider time)
{
    /// <summary>How far back a meeting's minutes are chased: well past any due date, and it bounds the query.</summary>
    public const int LookBackDays = 90;

    /// <summary>Reminders sent in this run.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var london = LondonTime.ToLondon(now);
        var today = DateOnly.FromDateTime(london.DateTime);
        if (!calendar.IsWorkingDay(today) || london.Hour < AgendaCirculation.EarliestLondonHour)
        {
            return 0;
        }

        var reminded = 0;
        foreach (var panel in Enum.GetValues<PanelCode>().Where(p => panels.Find(p) is not null))
        {
            var partition = Meeting.PartitionOf(panel);
            var past = await documents.QueryAsync<Meeting>(new DocumentQuery(Containers.Panels, partition)
            {
                Filters =
                [
                    FieldFilter.AtLeast("date", Day(today.AddDays(-LookBackDays))),
                    FieldFilter.Before("date", Day(today)),
                ],
                OrderBy = "date",
                PageSize = 100,
            }, cancellationToken);
            foreach (var meeting in past.Items.Select(m => m.Value).Where(m => m.Status != MeetingStatus.Cancelled))
            {
                var due = CirculationDates.MinutesDue(meeting.Date, calendar);
                var id = meeting.Id();
                if (today <= due || await documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(id, CirculationKind.Minutes, "1"), cancellationToken) is not null)
                {
                    continue;
                }

                var coordinator = panels.Get(panel).CoordinatorEmail;
                var link = await links.LinkAsync(LinkTarget.Minutes, id.ToString(), now, cancellationToken);
                var entry = MailRequest.Of($"minutes-overdue-{id}-{Day(today)}", MeetingPapers.MinutesOverdueTemplate,
                        papers.Model(meeting, link, due: due), [new MailAddress(coordinator)], discloses: null)
                    .ToOutbox($"minutes-overdue-{id}-{Day(today)}", now);
                try
                {
                    await documents.CommitAsync(Containers.Panels, partition,
                        [DocumentWrite.Create($"minutes-reminder-{id}-{Day(today)}", new MinutesReminderSent(id.ToString(), today)), entry.Write()], cancellationToken);
                    await outbox.NudgeAsync(Containers.Panels, partition, [entry], cancellationToken);
                    reminded++;
                }
                catch (DocumentConflictException)
                {
                    // Today's reminder is already on its way.
                }
            }
        }

        return reminded;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
