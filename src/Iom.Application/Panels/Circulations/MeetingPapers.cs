using System.Globalization;
using Iom.Application.Mail;
using Iom.Application.Ports.Calendar;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Application.Referrals;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Circulations;

/// <summary>What the circulation jobs share: a meeting's listed referrals, its circulations, e-mail models and invitations.</summary>
public sealed class MeetingPapers(IDocumentStore documents, PanelDirectory panels, IInvitationWriter invitations)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>How long an invitation books: panels sit for a morning or an afternoon.</summary>
    public static readonly TimeSpan MeetingLength = TimeSpan.FromHours(2);

    public const string AgendaTemplate = "Mail/Panels/agenda";
    public const string AddendumTemplate = "Mail/Panels/addendum";
    public const string InvitationToAttendTemplate = "Mail/Panels/invitation-to-attend";
    public const string MeetingChangedTemplate = "Mail/Panels/meeting-changed";
    public const string MinutesTemplate = "Mail/Panels/minutes";
    public const string OutcomeTemplate = "Mail/Panels/outcome";
    public const string MinutesOverdueTemplate = "Mail/Panels/minutes-overdue";

    public const string NominatingOfficerPurpose = "Panel administration: inviting a referral's nominating officer to the meeting that considers it";

    /// <summary>The meeting an id names (its document is keyed by the date first scheduled), or null.</summary>
    public async Task<StoredDocument<Meeting>?> MeetingAsync(MeetingId id, CancellationToken cancellationToken) =>
        await documents.ReadAsync<Meeting>(Meeting.KeyOf(id.Panel, id.Scheduled), cancellationToken);

    /// <summary>The referrals listed for the meeting, oldest submission first, each with the referral it lists (for the referrer's address).</summary>
    public async Task<IReadOnlyList<Referral>> ListedAsync(PanelCode panel, DateOnly date, CancellationToken cancellationToken)
    {
        var listed = new List<Referral>();
        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync<ReferralListing>(new DocumentQuery(Containers.Panels, PanelDirectory.Code(panel))
            {
                Filters =
                [
                    FieldFilter.EqualTo("meetingDate", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    FieldFilter.EqualTo("status", DocumentJson.ToElement(ReferralStatus.Listed).GetString()!),
                ],
                OrderBy = "submittedAt",
                PageSize = 100,
                Continuation = continuation,
            }, cancellationToken);
            var truths = await Task.WhenAll(page.Items.Select(l =>
                documents.ReadAsync<Referral>(ReferralStore.KeyOf(l.Value.PersonId, l.Value.ReferralId), cancellationToken)));
            // The referral is the truth: a listing left behind by a move or a failed submission lists nothing.
            listed.AddRange(truths.OfType<StoredDocument<Referral>>().Select(t => t.Value)
                .Where(r => r.Status == ReferralStatus.Listed && r.MeetingDate == date));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return listed;
    }

    /// <summary>Every circulation of the meeting: a handful, one indexed query of the meeting's partition.</summary>
    public async Task<IReadOnlyList<StoredDocument<Circulation>>> CirculationsAsync(MeetingId meeting, CancellationToken cancellationToken)
    {
        var found = new List<StoredDocument<Circulation>>();
        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync<Circulation>(new DocumentQuery(Containers.Panels, Meeting.PartitionOf(meeting.Panel))
            {
                Filters = [FieldFilter.EqualTo("meetingId", meeting.ToString())],
                PageSize = 100,
                Continuation = continuation,
            }, cancellationToken);
            found.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        return [.. found.OrderBy(c => c.Value.CreatedAt).ThenBy(c => c.Value.Id, StringComparer.Ordinal)];
    }

    public CirculationMailModel Model(Meeting meeting, string link, string? reference = null, string? outcome = null, string? reasonCode = null, DateOnly? due = null) =>
        new(panels.Get(meeting.Panel).Name,
            meeting.Date.ToString("dddd d MMMM yyyy", English),
            meeting.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            meeting.Location,
            link,
            reference,
            outcome,
            reasonCode,
            due?.ToString("dddd d MMMM yyyy", English));

    /// <summary>The meeting's invitation (or cancellation) to one recipient: the same UID for every version, so it updates.</summary>
    public MailAttachment Invitation(MeetingId id, Meeting meeting, CirculationRecipient to, int sequence, bool cancelled, DateTimeOffset now)
    {
        var panel = panels.Get(meeting.Panel);
        return invitations.Write(new MeetingInvitation(
            $"{id}@iom-meetings",
            sequence,
            cancelled,
            meeting.Date,
            meeting.StartTime,
            MeetingLength,
            $"{panel.Name} meeting",
            meeting.Location,
            new MailAddress(panel.CoordinatorEmail, panel.Name + " co-ordinator"),
            new MailAddress(to.Email, to.Name),
            now));
    }

    public static MailDisclosure? About(string? personId, string subject, string purpose, string correlationId) =>
        personId is null ? null : MailDisclosure.About(personId, subject, purpose, correlationId);
}
