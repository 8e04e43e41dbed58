using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// Circulates finalised minutes (<see cref="MinutesFinalised"/>, from <see cref="PanelQueues.MinutesCirculation"/>):
/// every member and attendee a link to the minutes, each referrer an individual acknowledgement of the decision on
/// their referral (reference, outcome, reason code, link). Two circulations, minutes and outcome, each of the minutes'
/// version: a redelivered message creates neither again.
/// </summary>
public sealed partial class MinutesCirculation(
    MeetingPapers papers,
    CirculationMails mails,
    Circulator circulator,
    SecureMailDomains secure,
    WorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<MinutesCirculation> logger)
{
    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<MinutesFinalised>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The minutes message is null.");
        if (!MeetingId.TryParse(message.MeetingId, out var id) || message.Version < 1 || message.Recipients is null || message.Outcomes is null)
        {
            throw new JsonException("The minutes message names no meeting or version, or lacks its recipients or outcomes.");
        }

        var stored = await papers.MeetingAsync(id, cancellationToken);
        if (stored is null)
        {
            LogNoMeeting(logger, id.ToString());
            return;
        }

        var meeting = stored.Value;
        var now = time.GetUtcNow();
        var issue = message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var due = CirculationDates.MinutesDue(meeting.Date, calendar);
        var minutes = Circulation.Start(id, CirculationKind.Minutes, issue, due, now,
            message.Recipients.Select(r => new CirculationAddressee(r.Email, r.Name, r.MemberId is null ? RecipientRole.Attendee : RecipientRole.Member)),
            secure.Allows, peopleIds: [.. message.PeopleIds.Distinct(StringComparer.Ordinal)]);
        await circulator.CirculateAsync(minutes, (r, mailId) => mails.ForAsync(minutes, r, mailId, id, meeting, now, cancellationToken), cancellationToken);

        var outcomes = Circulation.Start(id, CirculationKind.Outcome, issue, due, now,
            message.Outcomes.Select(o => new CirculationAddressee(o.ReferrerEmail, null, RecipientRole.Referrer, o.ReferralId,
                new Dictionary<string, string>
                {
                    ["reference"] = o.Reference,
                    ["personId"] = o.PersonId,
                    ["outcome"] = o.Outcome,
                    ["reasonCode"] = o.ReasonCode,
                })),
            secure.Allows, referralIds: [.. message.Outcomes.Select(o => o.ReferralId)]);
        await circulator.CirculateAsync(outcomes, (r, mailId) => mails.ForAsync(outcomes, r, mailId, id, meeting, now, cancellationToken), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Minutes of meeting {MeetingId} were finalised but the meeting is not stored; nothing circulated")]
    private static partial void LogNoMeeting(ILogger logger, string meetingId);
}
