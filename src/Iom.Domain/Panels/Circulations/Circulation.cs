using System.Security.Cryptography;
using System.Text;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Circulations;

/// <summary>
/// One sending of a meeting's papers: its kind, its issue (the agenda's version, the addendum's day, the minutes'
/// version) and every recipient with their state. Stored in the meeting's partition in the same commit as one mail
/// request per recipient it may send to, so a circulation never exists without its e-mails or they without it, and
/// its id, fixed by meeting, kind and issue, makes circulating a second time create nothing.
/// </summary>
/// <param name="Issue">What tells circulations of one kind apart: <c>1</c>, <c>2</c> … for the agenda and minutes, the day for an addendum.</param>
/// <param name="Due">When this kind of paper was due out (<see cref="CirculationDates"/>).</param>
/// <param name="ReferralIds">The referrals an agenda or addendum listed, so an addendum sends only what is new.</param>
/// <param name="Sequence">The meeting's iCalendar sequence the invitations carried (agenda only).</param>
/// <param name="Cancelled">An agenda issue that cancels the meeting (METHOD:CANCEL).</param>
/// <param name="PeopleIds">Everyone the papers are about (minutes): each e-mail is a disclosure in each one's log.</param>
public sealed record Circulation(
    string Id,
    string MeetingId,
    PanelCode Panel,
    CirculationKind Kind,
    string Issue,
    DateOnly Due,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CirculationRecipient> Recipients,
    IReadOnlyList<string> ReferralIds,
    int Sequence = 0,
    bool Cancelled = false,
    IReadOnlyList<string>? PeopleIds = null)
{
    public static string IdOf(MeetingId meeting, CirculationKind kind, string issue) =>
        $"circulation-{meeting}-{WireNames.Of(kind)}-{issue}";

    /// <summary>
    /// A new circulation to <paramref name="addressees"/>, each address once (the first role given wins), each
    /// held unless <paramref name="sendable"/> allows it.
    /// </summary>
    public static Circulation Start(
        MeetingId meeting,
        CirculationKind kind,
        string issue,
        DateOnly due,
        DateTimeOffset now,
        IEnumerable<CirculationAddressee> addressees,
        Func<string, bool> sendable,
        IReadOnlyList<string>? referralIds = null,
        int sequence = 0,
        bool cancelled = false,
        IReadOnlyList<string>? peopleIds = null)
    {
        ArgumentNullException.ThrowIfNull(addressees);
        ArgumentNullException.ThrowIfNull(sendable);
        var id = IdOf(meeting, kind, issue);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<CirculationRecipient>();
        foreach (var addressee in addressees)
        {
            var email = addressee.Email.Trim();
            // An outcome goes to each referrer once per referral; everything else once per address.
            if (email.Length == 0 || !seen.Add(addressee.Subject is null ? email : email + "|" + addressee.Subject))
            {
                continue;
            }

            recipients.Add(new CirculationRecipient(
                email, addressee.Name, addressee.Role, MailIdOf(id, email, addressee.Subject), !sendable(email), addressee.Subject, addressee.Details));
        }

        return new Circulation(id, meeting.ToString(), meeting.Panel, kind, issue, due, now, recipients, referralIds ?? [], sequence, cancelled, peopleIds);
    }

    /// <summary>The recipients the circulation sends to: every one not held.</summary>
    public IEnumerable<CirculationRecipient> Sendable => Recipients.Where(r => !r.Held);

    /// <summary>Whether it went out by its due date (London time).</summary>
    public bool OnTime => LondonTime.LondonDate(CreatedAt) <= Due;

    /// <summary>
    /// Sends the e-mails to one address again, each under a new mail id (the first may have bounced or been lost):
    /// one e-mail, or one per referral on an outcome circulation that holds the address more than once.
    /// </summary>
    /// <exception cref="CirculationRefusedException">The address is not a recipient, or it is held (never sent to).</exception>
    public CirculationResent Resend(string email, DateTimeOffset now)
    {
        var recipients = Recipients.ToArray();
        var matching = Enumerable.Range(0, recipients.Length)
            .Where(i => string.Equals(recipients[i].Email, email?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count == 0)
        {
            throw new CirculationRefusedException("not-a-recipient", "That address is not a recipient of this circulation.");
        }

        if (matching.Any(i => recipients[i].Held))
        {
            throw new CirculationRefusedException("recipient-held", "That address is not on the secure-domain allow-list, so nothing is sent to it.");
        }

        foreach (var i in matching)
        {
            recipients[i] = recipients[i] with { Resends = recipients[i].Resends + 1, LastResentAt = now };
        }

        return new CirculationResent(this with { Recipients = recipients }, [.. matching.Select(i => recipients[i])]);
    }

    // A hash, not the address: the id travels in the ledger, the queue and SendGrid's custom arguments.
    private static string MailIdOf(string circulationId, string email, string? subject)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant() + "|" + subject));
        return circulationId + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
