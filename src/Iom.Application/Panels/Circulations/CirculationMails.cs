using Iom.Application.Mail;
using Iom.Application.Ports.Mail;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// The e-mail a circulation sends one recipient, from what the circulation itself holds (its kind, issue and sequence,
/// the recipient's role and details): so the first sending and a co-ordinator's resend say the same, with a fresh link.
/// References, dates, panel names, outcomes, reason codes and links only; each e-mail that names a referral, and each
/// copy of the minutes, is a disclosure in the log of every person it is about.
/// </summary>
public sealed class CirculationMails(MeetingPapers papers, CirculationLinks links)
{
    public const string MinutesPurpose = "Panel administration: circulating the panel's minutes";
    public const string OutcomePurpose = "Panel administration: telling a referrer the panel's decision on their referral";

    public async Task<MailRequest> ForAsync(
        Circulation circulation, CirculationRecipient recipient, string mailId, MeetingId id, Meeting meeting, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circulation);
        ArgumentNullException.ThrowIfNull(recipient);
        IReadOnlyList<MailAddress> to = [new MailAddress(recipient.Email, recipient.Name)];
        var correlation = circulation.Id;
        var reference = recipient.Detail("reference");
        var personId = recipient.Detail("personId");
        switch (circulation.Kind)
        {
            case CirculationKind.Minutes:
                var people = circulation.PeopleIds ?? [];
                return MailRequest.Of(mailId, MeetingPapers.MinutesTemplate,
                    papers.Model(meeting, await links.LinkAsync(LinkTarget.Minutes, id.ToString(), now, cancellationToken)),
                    to, people.Count == 0 ? null : new MailDisclosure(people, $"meeting/{id}/minutes/{circulation.Issue}", MinutesPurpose, correlation));

            case CirculationKind.Outcome:
                return MailRequest.Of(mailId, MeetingPapers.OutcomeTemplate,
                    papers.Model(meeting, await links.LinkAsync(LinkTarget.Outcome, recipient.Subject ?? "", now, cancellationToken),
                        reference, recipient.Detail("outcome"), recipient.Detail("reasonCode")),
                    to, MeetingPapers.About(personId, $"referral/{recipient.Subject}/outcome", OutcomePurpose, correlation));

            case CirculationKind.Agenda when circulation.Issue != "1":
                // A moved or cancelled meeting: the updated invitation (or its cancellation) to everyone who had it.
                return MailRequest.Of(mailId, MeetingPapers.MeetingChangedTemplate,
                    papers.Model(meeting, await links.LinkAsync(LinkTarget.Pack, id.ToString(), now, cancellationToken)) with { Cancelled = circulation.Cancelled ? "cancelled" : null },
                    to, discloses: null, [papers.Invitation(id, meeting, recipient, circulation.Sequence, circulation.Cancelled, now)]);

            default:
                if (recipient.Role == RecipientRole.NominatingOfficer)
                {
                    // Told their referral's reference and invited: a disclosure, in that person's log.
                    return MailRequest.Of(mailId, MeetingPapers.InvitationToAttendTemplate,
                        papers.Model(meeting, await links.LinkAsync(LinkTarget.Outcome, recipient.Subject ?? "", now, cancellationToken), reference),
                        to, MeetingPapers.About(personId, $"meeting/{id}/invitation/{recipient.Subject}", MeetingPapers.NominatingOfficerPurpose, correlation),
                        [papers.Invitation(id, meeting, recipient, circulation.Sequence, cancelled: false, now)]);
                }

                // A member's e-mail names the panel and the date; who is on the agenda is read behind sign-in.
                var agenda = circulation.Kind == CirculationKind.Agenda;
                return MailRequest.Of(mailId, agenda ? MeetingPapers.AgendaTemplate : MeetingPapers.AddendumTemplate,
                    papers.Model(meeting, await links.LinkAsync(LinkTarget.Pack, id.ToString(), now, cancellationToken)),
                    to, discloses: null,
                    agenda ? [papers.Invitation(id, meeting, recipient, circulation.Sequence, cancelled: false, now)] : null);
        }
    }
}
