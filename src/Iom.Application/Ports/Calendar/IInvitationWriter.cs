using Iom.Application.Ports.Mail;

namespace Iom.Application.Ports.Calendar;

/// <summary>Writes a meeting invitation as an iCalendar file to attach to an e-mail (METHOD:REQUEST, or CANCEL).</summary>
public interface IInvitationWriter
{
    MailAttachment Write(MeetingInvitation invitation);
}
