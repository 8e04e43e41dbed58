using System.Text;
using Iom.Application.Ports.Calendar;
using Iom.Application.Ports.Mail;

namespace Iom.Application.Tests.Panels.Circulations;

/// <summary>
/// The invitation port for application tests: a one-line stand-in saying what was asked for (the Ical.Net writer is
/// tested in Iom.Functions.Tests).
/// </summary>
public sealed class StubInvitations : IInvitationWriter
{
    public MailAttachment Write(MeetingInvitation invitation) => new(
        "invitation.ics",
        "text/calendar; method=" + (invitation.Cancelled ? "CANCEL" : "REQUEST"),
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{invitation.Uid}|{invitation.Sequence}|{invitation.Attendee.Email}|{invitation.Date:yyyy-MM-dd}")));
}
