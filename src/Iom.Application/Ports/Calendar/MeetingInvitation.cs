using Iom.Application.Ports.Mail;

namespace Iom.Application.Ports.Calendar;

/// <summary>
/// An iCalendar invitation to a meeting, or its cancellation. Its summary names the panel only, never a person.
/// </summary>
/// <param name="Uid">Stable for the meeting, so a later invitation updates the first in the recipient's calendar.</param>
/// <param name="Sequence">The meeting's sequence: a higher one replaces a lower.</param>
/// <param name="Start">Local time in Europe/London.</param>
public sealed record MeetingInvitation(
    string Uid,
    int Sequence,
    bool Cancelled,
    DateOnly Date,
    TimeOnly Start,
    TimeSpan Duration,
    string Summary,
    string? Location,
    MailAddress Organiser,
    MailAddress Attendee,
    DateTimeOffset Stamp);
