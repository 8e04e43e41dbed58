using System.Globalization;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Panels.Actions;
using Iom.Application.Panels.Meetings;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Packs;

/// <summary>
/// A meeting's agenda pack for a member of its panel. Reads stay flat: the meeting, then one bounded indexed query a
/// section (listings by meeting date, cohort listings by review date, open actions by due date; infra/containers.json),
/// the roster of the day and the panel's <see cref="FinalisedMinutesIndex"/> (the previous minutes), never a read of
/// a panel's history. Listings and cohort rows are shown without anyone's
/// details, so only actions about a person are personal data here: each such person has the read recorded in their
/// audit log before the pack is answered, as the action list does.
/// </summary>
public sealed class GetAgendaPackHandler(IDocumentStore documents, IPanelRosters rosters, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Panel business: reading the agenda pack";

    /// <summary>The most rows a section shows: a month's business is far fewer; more is said, not read on.</summary>
    public const int SectionSize = 200;

    public const string ReferralsSection = "referrals";
    public const string ReviewsSection = "reviews";
    public const string ActionsSection = "actions";

    public async Task<AgendaPack> HandleAsync(MeetingId id, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The panel first: a caller who may not see it learns nothing about its meetings.
        var panel = actor.Reach(id.Panel, GetMeetingHandler.NotFound);
        var meeting = (await documents.ReadAsync<Meeting>(Meeting.KeyOf(id), cancellationToken) ?? throw GetMeetingHandler.NotFound()).Value;
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);

        var referrals = documents.QueryAsync<ReferralListing>(new DocumentQuery(Containers.Panels, PanelDirectory.Code(panel))
        {
            Filters =
            [
                FieldFilter.EqualTo("meetingDate", Day(meeting.Date)),
                FieldFilter.EqualTo("status", WireNames.Of(ReferralStatus.Listed)),
            ],
            OrderBy = "submittedAt",
            PageSize = SectionSize,
        }, cancellationToken);
        var reviews = documents.QueryAsync<CohortListing>(new DocumentQuery(Containers.Panels, CohortDocuments.ListingPartitionOf(panel))
        {
            Filters = [FieldFilter.Before("reviewDue", Day(meeting.Date.AddDays(1)))],
            OrderBy = "reviewDue",
            PageSize = SectionSize,
        }, cancellationToken);
        var actions = documents.QueryAsync<PanelAction>(new DocumentQuery(Containers.Panels, PanelActionDocuments.PartitionOf(panel))
        {
            Filters = [FieldFilter.EqualTo("status", WireNames.Of(PanelActionStatus.Open))],
            OrderBy = "dueDate",
            PageSize = SectionSize,
        }, cancellationToken);
        var roster = rosters.OnDayAsync(panel, meeting.Date, cancellationToken);
        var finalised = documents.ReadAsync<FinalisedMinutesIndex>(FinalisedMinutesIndex.KeyOf(panel), cancellationToken);
        await Task.WhenAll(referrals, reviews, actions, roster, finalised);

        var open = actions.Result.Items.Select(a => a.Value).ToList();
        await Task.WhenAll(open.Where(a => a.PersonId is not null).GroupBy(a => a.PersonId!, StringComparer.Ordinal).Select(person =>
            audit.CommitAsync([.. person.Select(a => actor.Entry(person.Key, AuditOperation.Consultation, $"action/{a.Id}", now))], [], cancellationToken)));

        var more = new List<string>();
        if (referrals.Result.Continuation is not null)
        {
            more.Add(ReferralsSection);
        }

        if (reviews.Result.Continuation is not null)
        {
            more.Add(ReviewsSection);
        }

        if (actions.Result.Continuation is not null)
        {
            more.Add(ActionsSection);
        }

        return new AgendaPack(
            meeting,
            today,
            [.. referrals.Result.Items.Select(l => l.Value)],
            [.. reviews.Result.Items.Select(c => c.Value)],
            [.. open.Select(a => new AgendaPackAction(a, roster.Result.Find(a.OwnerMemberId)?.Name, a.DueDate < today))],
            more,
            finalised.Result?.Value.LatestBefore(meeting.Date)?.MeetingId);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
