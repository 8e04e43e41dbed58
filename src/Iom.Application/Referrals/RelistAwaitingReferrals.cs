using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals;

/// <summary>
/// Lists every referral of a panel that is awaiting a meeting for the first meeting it now qualifies for (the same
/// cutoff rule as at intake, counted from the day it was submitted). Safe to repeat: a listed referral is left alone,
/// and a concurrent change to a referral wins (its ETag no longer matches, so this pass skips it).
/// </summary>
public sealed class RelistAwaitingReferrals(
    IDocumentStore documents,
    AuditTrail audit,
    MeetingCalendar meetings,
    WorkingDayCalendar calendar,
    IOptions<ReferralOptions> options,
    TimeProvider time)
{
    public const string Purpose = "Referral management: listing a referral for its panel's next meeting";

    private static readonly Caller System = new("system:referral-listing", "IOM Functions", null, null, new HashSet<string>());

    public async Task HandleAsync(string queuedMessage, string correlationId, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<RelistPanelMessage>(queuedMessage, DocumentJson.Options) ?? throw new JsonException("Empty message.");
        var now = time.GetUtcNow();
        var upcoming = (await meetings.UpcomingAsync(message.Panel, LondonTime.LondonDate(now), cancellationToken)).Select(m => m.Date).ToList();
        var actor = new ActingAs(System, message.CorrelationId ?? correlationId, Purpose);

        // Only the listings awaiting a meeting, a page at a time, by the status index: not the panel's history.
        var query = new DocumentQuery(Containers.Panels, PanelDirectory.Code(message.Panel))
        {
            Filters = [FieldFilter.EqualTo("status", ReferralView.StatusName(ReferralStatus.AwaitingMeeting))],
            OrderBy = "submittedAt",
            PageSize = 100,
        };
        var awaiting = new List<StoredDocument<ReferralListing>>();
        do
        {
            var page = await documents.QueryAsync<ReferralListing>(query, cancellationToken);
            awaiting.AddRange(page.Items);
            query = query with { Continuation = page.Continuation };
        }
        while (query.Continuation is not null);

        foreach (var listing in awaiting)
        {

            var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(listing.Value.PersonId, listing.Value.ReferralId), cancellationToken);
            if (stored is not { Value.Status: ReferralStatus.AwaitingMeeting })
            {
                continue;
            }

            var referral = stored.Value;
            var meeting = MeetingListing.ChooseMeeting(LondonTime.LondonDate(referral.SubmittedAt), referral.Emergency,
                upcoming.Where(d => d >= LondonTime.LondonDate(now)), calendar, options.Value.CutoffWorkingDays);
            if (meeting is null)
            {
                continue;
            }

            var change = referral.ListFor(meeting.Value, now, System.UserId);
            try
            {
                await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referral.Id}", now),
                    [DocumentWrite.Replace(referral.Id, change.Referral, stored.ETag), .. ReferralEffects.OutboxEntries(change, correlationId, now).Select(e => e.Write())],
                    cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                continue;
            }

            if (ReferralEffects.Listing(change) is { } listed)
            {
                await documents.UpsertAsync(listing.Key, listed, cancellationToken);
            }
        }
    }
}
