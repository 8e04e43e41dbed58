using Iom.Domain.Calendar;

namespace Iom.Domain.Releases;

/// <summary>
/// A release alert raised about one person (in their partition; its id is the one the custody record fixed, so a
/// redelivered "alert due" conflicts): who was told, and who has acknowledged. Which of the people working with the
/// person are told depends on the kind (<see cref="Raise"/>); the lead professional of a release must acknowledge
/// within one working day (<see cref="LeadAcknowledgementDue"/>) or the co-ordinator is told, once (<see cref="Escalate"/>).
/// </summary>
/// <remarks>The positional properties are the stored document (kind <c>release-alert</c>): their names are its JSON.</remarks>
/// <param name="NotificationId">The notification that caused it (for a reminder, the one that set the expected date).</param>
/// <param name="DaysBefore">For a reminder of an expected release: 28, 14, 2 or 0 (on the day).</param>
/// <param name="ForHealth">Released to hospital: the health agency is told, and every e-mail says so.</param>
/// <param name="LeadAcknowledgementDue">When the lead professional's acknowledgement becomes overdue; null when not escalated (no lead professional, or a kind that is not a release).</param>
public sealed record ReleaseAlert(
    string Id,
    string PersonId,
    string NotificationId,
    ReleaseAlertKind Kind,
    DateOnly ReleaseDate,
    DateTimeOffset OccurredAt,
    int? DaysBefore,
    bool ForHealth,
    DateTimeOffset RaisedAt,
    DateTimeOffset? LeadAcknowledgementDue,
    IReadOnlyList<ReleaseAlertRecipient> Recipients,
    DateTimeOffset? EscalatedAt = null)
{
    /// <summary>Working days the lead professional has to acknowledge a release before the co-ordinator is told.</summary>
    public const int AcknowledgementWorkingDays = 1;

    /// <summary>
    /// Raises an alert to those of <paramref name="candidates"/> its kind tells: a release, everyone working with the
    /// person (lead professional, agencies, co-ordinator), and to hospital the health agency too (candidates marked
    /// <see cref="ReleaseAlertRecipient.ForHealth"/>, left out otherwise); a transfer, the lead professional only (the
    /// co-ordinator when there is none, so someone hears); a reminder of an expected release, the lead professional and
    /// the co-ordinator (agencies hear at the release itself). A mailbox already told under another entry is not told
    /// twice. A release with a lead professional is due their acknowledgement by the same London time on the next
    /// working day.
    /// </summary>
    public static ReleaseAlert Raise(
        string id, string personId, string notificationId, ReleaseAlertKind kind, DateOnly releaseDate, DateTimeOffset occurredAt, int? daysBefore,
        DateTimeOffset raisedAt, IReadOnlyList<ReleaseAlertRecipient> candidates, WorkingDayCalendar calendar)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(personId);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(calendar);
        var lead = candidates.FirstOrDefault(c => c.Role == ReleaseAlertRecipientRole.LeadProfessional);
        var coordinator = candidates.FirstOrDefault(c => c.Role == ReleaseAlertRecipientRole.Coordinator);
        IEnumerable<ReleaseAlertRecipient> told = kind switch
        {
            ReleaseAlertKind.Released => candidates.Where(c => !c.ForHealth),
            ReleaseAlertKind.ReleasedToHospital => candidates,
            ReleaseAlertKind.Transferred => [(lead ?? coordinator)!],
            ReleaseAlertKind.ExpectedRelease => [lead!, coordinator!],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an alert kind"),
        };
        var recipients = new List<ReleaseAlertRecipient>();
        // Named people first, so an agency mailbox that is the lead professional's own address is not told twice.
        foreach (var recipient in told.Where(r => r is not null).OrderBy(r => r.Role == ReleaseAlertRecipientRole.Agency))
        {
            if (!recipients.Any(r => r.Key == recipient.Key || string.Equals(r.Email, recipient.Email, StringComparison.OrdinalIgnoreCase)))
            {
                recipients.Add(recipient with { AcknowledgedAt = null, AcknowledgedBy = null });
            }
        }

        var escalates = kind is ReleaseAlertKind.Released or ReleaseAlertKind.ReleasedToHospital && recipients.Any(r => r.Role == ReleaseAlertRecipientRole.LeadProfessional);
        return new ReleaseAlert(id, personId, notificationId, kind, releaseDate, occurredAt, daysBefore, kind == ReleaseAlertKind.ReleasedToHospital,
            raisedAt, escalates ? AcknowledgementDue(raisedAt, calendar) : null, recipients);
    }

    /// <summary>The same London wall-clock time <see cref="AcknowledgementWorkingDays"/> working day(s) after <paramref name="raisedAt"/>.</summary>
    public static DateTimeOffset AcknowledgementDue(DateTimeOffset raisedAt, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var raisedDay = LondonTime.LondonDate(raisedAt);
        var dueDay = calendar.AddWorkingDays(raisedDay, AcknowledgementWorkingDays);
        var guess = raisedAt.AddDays(dueDay.DayNumber - raisedDay.DayNumber);
        // Across a change between GMT and BST the same wall-clock time is an hour nearer or further.
        return (guess - (LondonTime.ToLondon(guess).Offset - LondonTime.ToLondon(raisedAt).Offset)).ToUniversalTime();
    }

    /// <summary>The lead professional's entry, if the alert went to one. A method: properties are the stored document.</summary>
    public ReleaseAlertRecipient? LeadProfessional() => Recipients.FirstOrDefault(r => r.Role == ReleaseAlertRecipientRole.LeadProfessional);

    /// <summary>Whether <paramref name="who"/> answers for any of the recipients.</summary>
    public bool IsRecipient(ReleaseAlertAcknowledger who) => Recipients.Any(r => r.IsAnsweredBy(who));

    /// <summary>
    /// <paramref name="who"/> acknowledges the alert: every entry they answer for (named entries by object id, or by
    /// e-mail where no object id is known; agency entries by their agency) is marked at <paramref name="at"/>. Entries
    /// already acknowledged keep their first acknowledgement, so a repeat changes nothing (<c>Changed</c> false). Refused
    /// (<see cref="ReleaseAlertRefusedException.NotARecipient"/>) when they answer for none.
    /// </summary>
    public ReleaseAlertAcknowledgement Acknowledge(ReleaseAlertAcknowledger who, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentException.ThrowIfNullOrWhiteSpace(who.ObjectId);
        if (!IsRecipient(who))
        {
            throw new ReleaseAlertRefusedException(ReleaseAlertRefusedException.NotARecipient, "You are not one of this alert's recipients.");
        }

        var changed = false;
        var recipients = Recipients.Select(r =>
        {
            if (r.IsAcknowledged() || !r.IsAnsweredBy(who))
            {
                return r;
            }

            changed = true;
            return r with { AcknowledgedAt = at, AcknowledgedBy = who.ObjectId };
        }).ToList();
        return new ReleaseAlertAcknowledgement(changed ? this with { Recipients = recipients } : this, changed);
    }

    /// <summary>Whether the lead professional's acknowledgement is overdue at <paramref name="now"/> (and not escalated yet).</summary>
    public bool IsLeadAcknowledgementOverdue(DateTimeOffset now) =>
        LeadAcknowledgementDue is { } due && now >= due && LeadProfessional() is { AcknowledgedAt: null } && EscalatedAt is null;

    /// <summary>
    /// The co-ordinator is told that the lead professional has not acknowledged in time: once. Refused when it has been
    /// escalated already, or when nothing is overdue (acknowledged in time, not yet due, no lead professional).
    /// </summary>
    public ReleaseAlert Escalate(DateTimeOffset at)
    {
        if (EscalatedAt is not null)
        {
            throw new ReleaseAlertRefusedException(ReleaseAlertRefusedException.AlreadyEscalated, "The alert has been escalated already.");
        }

        return IsLeadAcknowledgementOverdue(at)
            ? this with { EscalatedAt = at }
            : throw new ReleaseAlertRefusedException(ReleaseAlertRefusedException.NothingToEscalate, "The lead professional's acknowledgement is not overdue.");
    }
}
