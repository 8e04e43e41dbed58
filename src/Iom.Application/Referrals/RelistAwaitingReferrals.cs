using System.Text.Json;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
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

        await foreach (var listing in documents.ReadPartitionAsync<ReferralListing>(Containers.Panels, PanelDirectory.Code(message.Panel), cancellationToken))
        {
            if (listing.Value.Status != ReferralStatus.AwaitingMeeting)
            {
                continue;
            }

            var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(listing.Value.PersonId, listing.Value.ReferralId), cancellationToken);
            if (stored is not { Value.Status: ReferralStatus.AwaitingMeeting } || !ReferralStatusRules.CanMove(ReferralStatus.AwaitingMeeting, ReferralStatus.Listed))
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

            var listed = referral with
            {
                Status = ReferralStatus.Listed,
                MeetingDate = meeting,
                History = [.. referral.History, new StatusChange(ReferralStatus.AwaitingMeeting, ReferralStatus.Listed, now, System.UserId, $"meeting {meeting:yyyy-MM-dd}")],
            };
            try
            {
                await audit.CommitAsync(actor.Entry(referral.PersonId, AuditOperation.Alteration, $"referral/{referral.Id}", now),
                    [DocumentWrite.Replace(referral.Id, listed, stored.ETag)], cancellationToken);
            }
            catch (DocumentPreconditionFailedException)
            {
                continue;
            }

            await documents.UpsertAsync(listing.Key, ReferralListings.Of(listed), cancellationToken);
        }
    }
}
