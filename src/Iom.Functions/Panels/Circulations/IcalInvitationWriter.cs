using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Iom.Application.Ports.Calendar;
using Iom.Application.Ports.Mail;

namespace Iom.Functions.Panels.Circulations;

/// <summary>
/// Writes meeting invitations with Ical.Net (RFC 5545/5546): METHOD:REQUEST, or CANCEL for a cancelled meeting; the
/// same UID for every version and SEQUENCE from the meeting, so a calendar updates the entry it has; DTSTART in
/// Europe/London with its VTIMEZONE, so the time is right in summer and winter whatever the reader's zone.
/// </summary>
public sealed class IcalInvitationWriter : IInvitationWriter
{
    public const string TimeZoneId = "Europe/London";

    public MailAttachment Write(MeetingInvitation invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var method = invitation.Cancelled ? "CANCEL" : "REQUEST";
        var calendar = new Calendar { ProductId = "-//IOM Functions//Panel meetings//EN", Method = method };
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(TimeZoneId));
        var start = new CalDateTime(invitation.Date, invitation.Start, TimeZoneId);
        var meeting = new CalendarEvent
        {
            Uid = invitation.Uid,
            Sequence = invitation.Sequence,
            DtStamp = new CalDateTime(invitation.Stamp.UtcDateTime, "UTC", hasTime: true),
            DtStart = start,
            DtEnd = new CalDateTime(invitation.Date.ToDateTime(invitation.Start).Add(invitation.Duration), TimeZoneId, hasTime: true),
            Summary = invitation.Summary,
            Location = invitation.Location,
            Status = invitation.Cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer("mailto:" + invitation.Organiser.Email) { CommonName = invitation.Organiser.Name },
        };
        // The recipient's address only: the invitation is theirs, and carries nobody's name.
        meeting.Attendees.Add(new Attendee("mailto:" + invitation.Attendee.Email)
        {
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = invitation.Cancelled ? "DECLINED" : "NEEDS-ACTION",
            Rsvp = !invitation.Cancelled,
        });
        calendar.Events.Add(meeting);
        var text = new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no invitation.");
        return new MailAttachment(invitation.Cancelled ? "cancellation.ics" : "invitation.ics",
            $"text/calendar; method={method}; charset=utf-8", Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }
}
