using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// <c>GET /api/meetings/{id}/circulations</c>: the co-ordinator's view of what went to whom. A recipient's state is
/// read, not stored: held from the circulation, sent from the mail ledger, delivery from the provider's records.
/// Nothing is written.
/// </summary>
public sealed class ReadCirculations(IDocumentStore documents, MeetingPapers papers, MailDeliveries deliveries, WorkingDayCalendar calendar, TimeProvider time)
{
    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such meeting.");

    public async Task<MeetingCirculations> HandleAsync(MeetingId id, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Reach(id.Panel, NotFound);
        var meeting = (await papers.MeetingAsync(id, cancellationToken))?.Value ?? throw NotFound();
        var circulations = (await papers.CirculationsAsync(id, cancellationToken)).Select(c => c.Value).ToList();
        var today = LondonTime.LondonDate(time.GetUtcNow());
        var agendaDue = CirculationDates.AgendaDue(meeting.Date, calendar);
        var minutesDue = CirculationDates.MinutesDue(meeting.Date, calendar);
        var views = new List<CirculationView>();
        foreach (var circulation in circulations)
        {
            var recipients = new List<CirculationRecipientView>();
            foreach (var r in circulation.Recipients)
            {
                recipients.Add(new CirculationRecipientView(
                    r.Email, r.Name, WireNames.Of(r.Role), await StateAsync(r, cancellationToken), r.Detail("reference"), r.Resends));
            }

            views.Add(new CirculationView(circulation.Id, WireNames.Of(circulation.Kind), circulation.Issue, circulation.Due,
                circulation.CreatedAt, circulation.OnTime, circulation.Cancelled, circulation.Recipients.Count(r => r.Held), recipients));
        }

        return new MeetingCirculations(
            id.ToString(),
            agendaDue,
            today > agendaDue && !circulations.Any(c => c.Kind == CirculationKind.Agenda),
            minutesDue,
            today > minutesDue && !circulations.Any(c => c.Kind == CirculationKind.Minutes),
            views);
    }

    private async Task<string> StateAsync(CirculationRecipient recipient, CancellationToken cancellationToken)
    {
        if (recipient.Held)
        {
            return "held";
        }

        var mailId = recipient.LatestMailId;
        // What the provider last said (the SendGrid Event Webhook's records), else whether it has been handed over.
        return (await deliveries.ForAsync(mailId, cancellationToken)).MaxBy(d => d.At) is { } delivery
            ? WireNames.Of(delivery.Status)
            : (await documents.ReadAsync<MailSentRecord>(OnceOnlyMail.LedgerKey(mailId), cancellationToken) is null ? "queued" : "sent");
    }
}
