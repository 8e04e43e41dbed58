using System.Globalization;
using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals;

/// <summary>
/// A panel's relisting pass (<see cref="ReferralQueues.Relisting"/>). When a meeting left a date (moved or cancelled),
/// first every referral still listed for that date is relisted by the cutoff rule (<see cref="MeetingListing.Relist"/>:
/// it stays with its moved meeting if the new date still gives it enough notice, else the next meeting that does, else
/// it awaits a meeting). Then every referral awaiting a meeting is listed for the first meeting it now qualifies for
/// (the same cutoff rule as at intake, counted from the day it was submitted). Each pass reads only the listings it
/// needs, by index, a page at a time: never the panel's history. Safe to repeat: a referral already where it should
/// be is left alone, and a concurrent change to a referral wins (its ETag no longer matches, so this pass skips it).
/// </summary>
public sealed class RelistAwaitingReferrals(
    IDocumentStore documents,
    ReferralRelisting relisting,
    MeetingCalendar meetings,
    WorkingDayCalendar calendar,
    IOptions<ReferralOptions> options,
    TimeProvider time)
{
    public const string Purpose = "Referral management: listing a referral for its panel's next meeting";

    public async Task HandleAsync(string queuedMessage, string correlationId, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<RelistPanelMessage>(queuedMessage, DocumentJson.Options) ?? throw new JsonException("Empty message.");
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        var upcoming = (await meetings.UpcomingAsync(message.Panel, today, cancellationToken)).ToList();
        var actor = new ActingAs(ReferralRelisting.System, message.CorrelationId ?? correlationId, Purpose);
        var cutoff = options.Value.CutoffWorkingDays;

        if (message.Vacated is { } vacated && upcoming.All(m => m.Date != vacated))
        {
            // The meeting's state now, not as the message saw it: a repeat after a second change relists by the latest.
            DateOnly? movedTo = null;
            if (MeetingId.TryParse(message.Meeting, out var id)
                && await documents.ReadAsync<Meeting>(Meeting.KeyOf(id), cancellationToken) is { Value: { Status: MeetingStatus.Scheduled } meeting }
                && meeting.Date >= today)
            {
                movedTo = meeting.Date;
            }

            var why = movedTo is { } newDate
                ? $"meeting {message.Meeting} moved to {newDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
                : $"meeting {message.Meeting ?? vacated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} cancelled";
            foreach (var listing in await ListingsAsync(message.Panel, [
                FieldFilter.EqualTo("meetingDate", vacated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                FieldFilter.EqualTo("status", ReferralView.StatusName(ReferralStatus.Listed))], cancellationToken))
            {
                var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(listing.PersonId, listing.ReferralId), cancellationToken);
                if (stored is not { Value.Status: ReferralStatus.Listed } || stored.Value.MeetingDate != vacated)
                {
                    continue;
                }

                var referral = stored.Value;
                var to = MeetingListing.Relist(LondonTime.LondonDate(referral.SubmittedAt), referral.Emergency, movedTo,
                    upcoming.Select(m => m.Date), calendar, cutoff);
                await relisting.MoveAsync(stored, to, why, actor, now, cancellationToken);
            }
        }

        foreach (var listing in await ListingsAsync(message.Panel, [
            FieldFilter.EqualTo("status", ReferralView.StatusName(ReferralStatus.AwaitingMeeting))], cancellationToken))
        {
            var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(listing.PersonId, listing.ReferralId), cancellationToken);
            if (stored is not { Value.Status: ReferralStatus.AwaitingMeeting })
            {
                continue;
            }

            var referral = stored.Value;
            var meeting = MeetingListing.ChooseMeeting(LondonTime.LondonDate(referral.SubmittedAt), referral.Emergency,
                upcoming.Select(m => m.Date), calendar, cutoff);
            if (meeting is not null)
            {
                await relisting.MoveAsync(stored, meeting, "awaiting a meeting", actor, now, cancellationToken);
            }
        }
    }

    // The pass's listings, by index, a page at a time, gathered before any is changed (a change moves a listing out of
    // the filter, which would shift a keyset page under the reader).
    private async Task<List<ReferralListing>> ListingsAsync(PanelCode panel, IReadOnlyList<FieldFilter> filters, CancellationToken cancellationToken)
    {
        var query = new DocumentQuery(Containers.Panels, PanelDirectory.Code(panel)) { Filters = filters, OrderBy = "submittedAt", PageSize = 100 };
        var listings = new List<ReferralListing>();
        do
        {
            var page = await documents.QueryAsync<ReferralListing>(query, cancellationToken);
            listings.AddRange(page.Items.Select(i => i.Value));
            query = query with { Continuation = page.Continuation };
        }
        while (query.Continuation is not null);

        return listings;
    }
}
