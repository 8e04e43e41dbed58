using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Domain.Agencies;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Performance.Reoffending;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The facts from a full pass over the documents (<see cref="IDocumentStore.ReadKindAsync{T}"/>, streamed a page at a
/// time): cohort memberships first (they say who was ever in the cohort), then side by side referrals, release alerts,
/// circulations and actions, and offending records (as <see cref="OffendingRecordFacts"/>), keeping only those of
/// people ever in the cohort (the re-offending measures' <see cref="OffenderFact"/>). Kept: the facts, the memberships
/// and, for each person, what ranks their describing referral and the profile it gives (<see cref="Describer"/>), never
/// the documents themselves: a whole referral per person held every person's details for the whole pass. A cohort
/// member's profile is taken from their latest selected referral (else their latest referral), chosen by submission
/// time then id so the order documents arrive in does not matter.
/// </summary>
public sealed class DocumentFactSource(IDocumentStore documents, AgencyList agencies) : IPerformanceFactSource
{
    public async Task<PerformanceFactsRead> ReadAsync(CancellationToken cancellationToken)
    {
        // Memberships first: they say whose offending records to keep. Then the independent scans run side by side (a
        // scan is mostly deserialising, so two cores read two kinds at once); each keeps its own facts and watermark,
        // merged below. The fold does not depend on the order facts are put in, so the bytes out are the same.
        var memberships = new List<CohortMembership>();
        await foreach (var stored in documents.ReadKindAsync<CohortMembership>(Containers.People, cancellationToken))
        {
            memberships.Add(stored.Value);
        }

        var everInCohort = memberships.Where(m => m.Periods.Count > 0).ToDictionary(m => m.PersonId, StringComparer.Ordinal);
        var offending = Task.Run(() => ReadOffencesAsync(everInCohort, cancellationToken), cancellationToken);
        var people = Task.Run(() => ReadReferralsAsync(cancellationToken), cancellationToken);
        var others = Task.Run(() => ReadAlertsCirculationsAndActionsAsync(cancellationToken), cancellationToken);
        await Task.WhenAll(offending, people, others);
        var (offenders, offencesSeen) = await offending;
        var (referrals, describing, referralsSeen) = await people;
        var (rest, restSeen) = await others;

        var facts = new PerformanceFacts();
        foreach (var fact in referrals)
        {
            facts.Put(fact);
        }

        foreach (var membership in memberships)
        {
            facts.Put(CohortFact.Of(membership, describing.GetValueOrDefault(membership.PersonId)?.Profile ?? PersonProfile.Unknown));
        }

        rest(facts);
        foreach (var fact in offenders)
        {
            facts.Put(fact);
        }

        return new PerformanceFactsRead(facts, Later(Later(offencesSeen, referralsSeen), restSeen), null);
    }

    private async Task<(List<ReferralFact> Facts, Dictionary<string, Describer> Describing, DateTimeOffset Seen)> ReadReferralsAsync(CancellationToken cancellationToken)
    {
        var facts = new List<ReferralFact>();
        var seen = DateTimeOffset.UnixEpoch;
        var describing = new Dictionary<string, Describer>(StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<Referral>(Containers.People, cancellationToken))
        {
            var referral = stored.Value;
            facts.Add(ReferralFact.Of(referral, agencies));
            seen = Later(seen, LatestChange(referral));
            var rank = DescriberRank.Of(referral);
            if (!describing.TryGetValue(referral.PersonId, out var held) || rank.CompareTo(held.Rank) > 0)
            {
                describing[referral.PersonId] = new Describer(rank, PersonProfile.Of(referral.Person));
            }
        }

        return (facts, describing, seen);
    }

    // Release alerts, circulations and actions: small kinds, read one after another on one core while the others read.
    private async Task<(Action<PerformanceFacts> Put, DateTimeOffset Seen)> ReadAlertsCirculationsAndActionsAsync(CancellationToken cancellationToken)
    {
        var seen = DateTimeOffset.UnixEpoch;
        var alerts = new List<ReleaseAlertFact>();
        await foreach (var stored in documents.ReadKindAsync<ReleaseAlert>(Containers.People, cancellationToken))
        {
            alerts.Add(ReleaseAlertFact.Of(stored.Value));
            seen = Later(seen, LatestChange(stored.Value));
        }

        var circulations = new List<CirculationFact>();
        await foreach (var stored in documents.ReadKindAsync<Circulation>(Containers.Panels, cancellationToken))
        {
            if (CirculationFact.Of(stored.Value) is { } fact)
            {
                circulations.Add(fact);
                seen = Later(seen, LatestChange(stored.Value));
            }
        }

        var actions = new List<ActionFact>();
        await foreach (var stored in documents.ReadKindAsync<PanelAction>(Containers.Panels, cancellationToken))
        {
            actions.Add(ActionFact.Of(stored.Value));
            seen = Later(seen, LatestChange(stored.Value));
        }

        return (facts =>
        {
            alerts.ForEach(facts.Put);
            circulations.ForEach(facts.Put);
            actions.ForEach(facts.Put);
        }, seen);
    }

    // Every offending record is scanned (the largest kind: ten a person), read as the narrow projection
    // OffendingRecordFacts; only those of people ever in the cohort are kept.
    private async Task<(List<OffenderFact> Facts, DateTimeOffset Seen)> ReadOffencesAsync(
        IReadOnlyDictionary<string, CohortMembership> everInCohort, CancellationToken cancellationToken)
    {
        var seen = DateTimeOffset.UnixEpoch;
        var offences = everInCohort.Keys.ToDictionary(p => p, _ => new List<ProvenOffence>(), StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<OffendingRecordFacts>(Containers.People, cancellationToken))
        {
            if (offences.TryGetValue(stored.Value.PersonId, out var theirs))
            {
                theirs.Add(stored.Value.ToProvenOffence());
                seen = Later(seen, stored.Value.RecordedAt);
            }
        }

        return ([.. everInCohort.Select(p => OffenderFact.Of(p.Value, offences[p.Key])!)], seen);
    }

    // The latest change a fact-bearing document records: what a rollup's watermark says the inputs went to (taken from
    // the documents, so the incremental run reaches the same instant as a full pass).
    internal static DateTimeOffset LatestChange(Referral referral) =>
        referral.History.Count == 0 ? referral.SubmittedAt : Later(referral.SubmittedAt, referral.History.Max(h => h.At));

    internal static DateTimeOffset LatestChange(ReleaseAlert alert) =>
        alert.Recipients.Max(r => r.AcknowledgedAt) is { } acknowledged ? Later(alert.RaisedAt, acknowledged) : alert.RaisedAt;

    internal static DateTimeOffset LatestChange(Circulation circulation) => circulation.CreatedAt;

    internal static DateTimeOffset LatestChange(PanelAction action) =>
        action.CompletedAt is { } completed ? Later(action.CreatedAt, completed) : action.CreatedAt;

    /// <summary>The referral that describes a person (their profile): see <see cref="DescriberRank"/>; null when they have none.</summary>
    internal static Referral? Describing(IEnumerable<Referral> referrals) =>
        referrals.MaxBy(DescriberRank.Of);

    /// <summary>The later of two instants: a watermark only moves forward.</summary>
    internal static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The referral that describes a person, as the full pass keeps it: its rank and the profile it gives.</summary>
    internal sealed record Describer(DescriberRank Rank, PersonProfile Profile);

    /// <summary>
    /// How well a referral describes its person: a selected referral over any other, then the later submission, then
    /// the greater id, compared ordinally (a total order, so the result does not depend on reading order or culture).
    /// </summary>
    internal readonly record struct DescriberRank(bool Selected, DateTimeOffset SubmittedAt, string Id) : IComparable<DescriberRank>
    {
        public static DescriberRank Of(Referral referral) => new(referral.Status == ReferralStatus.Selected, referral.SubmittedAt, referral.Id);

        public int CompareTo(DescriberRank other)
        {
            var order = Selected.CompareTo(other.Selected);
            order = order != 0 ? order : SubmittedAt.CompareTo(other.SubmittedAt);
            return order != 0 ? order : string.CompareOrdinal(Id, other.Id);
        }
    }
}
