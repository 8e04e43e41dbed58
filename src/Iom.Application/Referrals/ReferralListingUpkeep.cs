using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals;

/// <summary>
/// Keeps every panel's listings true to their referrals, a page at a time, off the request path (reads never write):
/// a listing that differs from its referral (an update interrupted between the referral and its listing) is
/// rewritten from the referral; a listing whose referral was never stored (a submission that failed after writing
/// it) is removed once it is older than <see cref="OrphanGrace"/>, so a submission still in flight keeps its own.
/// Also moves meetings left in their old place (<see cref="MoveMeetingsApart"/>), and is the backstop of relisting: a
/// referral still listed for a day ahead on which its panel no longer has a meeting (a submission that chose a meeting
/// just before it moved or was cancelled, and wrote its listing after that meeting's relisting pass had read the
/// listings) is relisted by the cutoff rule, as that pass would have.
/// </summary>
public sealed class ReferralListingUpkeep(
    IDocumentStore documents,
    MoveMeetingsApart meetings,
    ReferralRelisting relisting,
    MeetingCalendar calendarOfMeetings,
    WorkingDayCalendar calendar,
    IOptions<ReferralOptions> options,
    TimeProvider time)
{
    public const int PageSize = 100;

    public static readonly TimeSpan OrphanGrace = TimeSpan.FromHours(1);

    public async Task<ListingUpkeepReport> HandleAsync(CancellationToken cancellationToken)
    {
        int read = 0, mended = 0, removed = 0, relisted = 0;
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        var actor = new ActingAs(ReferralRelisting.System, "listing-upkeep-" + now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), RelistAwaitingReferrals.Purpose);
        foreach (var panel in Enum.GetValues<PanelCode>())
        {
            var upcoming = (await calendarOfMeetings.UpcomingAsync(panel, today, cancellationToken)).Select(m => m.Date).ToList();
            var query = new DocumentQuery(Containers.Panels, PanelDirectory.Code(panel)) { PageSize = PageSize };
            do
            {
                var page = await documents.QueryAsync<ReferralListing>(query, cancellationToken);
                var truths = await Task.WhenAll(page.Items.Select(stored =>
                    documents.ReadAsync<Referral>(ReferralStore.KeyOf(stored.Value.PersonId, stored.Value.ReferralId), cancellationToken)));
                for (var i = 0; i < page.Items.Count; i++)
                {
                    var stored = page.Items[i];
                    read++;
                    if (truths[i] is { } truth)
                    {
                        var listing = ReferralListings.Of(truth.Value);
                        if (truth.Value is { Status: ReferralStatus.Listed, MeetingDate: { } date } referral && date >= today && !upcoming.Contains(date))
                        {
                            var to = MeetingListing.ChooseMeeting(LondonTime.LondonDate(referral.SubmittedAt), referral.Emergency, upcoming, calendar, options.Value.CutoffWorkingDays);
                            if (await relisting.MoveAsync(truth, to, $"no meeting on {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} any more", actor, now, cancellationToken))
                            {
                                relisted++;
                            }
                        }
                        else if (listing != stored.Value && await WrittenAsync(() => documents.ReplaceAsync(stored.Key, listing, stored.ETag, cancellationToken)))
                        {
                            mended++;
                        }
                    }
                    else if (time.GetUtcNow() - stored.Value.SubmittedAt > OrphanGrace
                        && await WrittenAsync(() => documents.DeleteAsync(stored.Key, stored.ETag, cancellationToken)))
                    {
                        removed++;
                    }
                }

                query = query with { Continuation = page.Continuation };
            }
            while (query.Continuation is not null);
        }

        return new ListingUpkeepReport(read, mended, removed, await meetings.HandleAsync(cancellationToken), relisted);
    }

    // A listing changed since it was read was changed by its referral's own update, which wins: leave it.
    private static async Task<bool> WrittenAsync(Func<Task> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (e is DocumentPreconditionFailedException or DocumentNotFoundException)
        {
            return false;
        }
    }
}
