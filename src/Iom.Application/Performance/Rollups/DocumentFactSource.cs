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
/// time): referrals, cohort memberships and release alerts in <c>people</c>, circulations and actions in
/// <c>panels</c>; then offending records in <c>people</c>, keeping only those of people ever in the cohort (the
/// re-offending measures' <see cref="OffenderFact"/>). Only the small facts are kept, never the documents. A cohort member's profile is taken from their
/// latest selected referral (else their latest referral), chosen by submission time then id so the order documents
/// arrive in does not matter.
/// </summary>
public sealed class DocumentFactSource(IDocumentStore documents, AgencyList agencies) : IPerformanceFactSource
{
    public async Task<PerformanceFactsRead> ReadAsync(CancellationToken cancellationToken)
    {
        var facts = new PerformanceFacts();
        var asOf = DateTimeOffset.UnixEpoch;
        void Saw(DateTimeOffset? at) => asOf = at is { } a && a > asOf ? a : asOf;

        var describing = new Dictionary<string, Referral>(StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<Referral>(Containers.People, cancellationToken))
        {
            var referral = stored.Value;
            facts.Put(ReferralFact.Of(referral, agencies));
            Saw(LatestChange(referral));
            if (!describing.TryGetValue(referral.PersonId, out var held) || Describes(referral, held))
            {
                describing[referral.PersonId] = referral;
            }
        }

        var everInCohort = new Dictionary<string, CohortMembership>(StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<CohortMembership>(Containers.People, cancellationToken))
        {
            facts.Put(CohortFact.Of(stored.Value, describing.GetValueOrDefault(stored.Value.PersonId)));
            if (stored.Value.Periods.Count > 0)
            {
                everInCohort[stored.Value.PersonId] = stored.Value;
            }
        }

        await foreach (var stored in documents.ReadKindAsync<ReleaseAlert>(Containers.People, cancellationToken))
        {
            facts.Put(ReleaseAlertFact.Of(stored.Value));
            Saw(LatestChange(stored.Value));
        }

        await foreach (var stored in documents.ReadKindAsync<Circulation>(Containers.Panels, cancellationToken))
        {
            if (CirculationFact.Of(stored.Value) is { } fact)
            {
                facts.Put(fact);
                Saw(LatestChange(stored.Value));
            }
        }

        await foreach (var stored in documents.ReadKindAsync<PanelAction>(Containers.Panels, cancellationToken))
        {
            facts.Put(ActionFact.Of(stored.Value));
            Saw(LatestChange(stored.Value));
        }

        // Offending records are read last, once the cohort is known, so only those of people ever in it are kept.
        var offences = everInCohort.Keys.ToDictionary(p => p, _ => new List<ProvenOffence>(), StringComparer.Ordinal);
        await foreach (var stored in documents.ReadKindAsync<StoredOffendingRecord>(Containers.People, cancellationToken))
        {
            if (offences.TryGetValue(stored.Value.PersonId, out var theirs))
            {
                theirs.Add(stored.Value.ToProvenOffence());
                Saw(stored.Value.RecordedAt);
            }
        }

        foreach (var (personId, membership) in everInCohort)
        {
            facts.Put(OffenderFact.Of(membership, offences[personId])!);
        }

        return new PerformanceFactsRead(facts, asOf, null);
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

    /// <summary>The referral that describes a person (their profile): see <see cref="Describes"/>; null when they have none.</summary>
    internal static Referral? Describing(IEnumerable<Referral> referrals) =>
        referrals.Aggregate((Referral?)null, (held, candidate) => held is null || Describes(candidate, held) ? candidate : held);

    /// <summary>The later of two instants: a watermark only moves forward.</summary>
    internal static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    // Whether the candidate describes the person better than the one held: a selected referral over any other, then
    // the later submission, then the greater id (a total order, so the result does not depend on reading order).
    private static bool Describes(Referral candidate, Referral held)
    {
        var order = (candidate.Status == ReferralStatus.Selected).CompareTo(held.Status == ReferralStatus.Selected);
        order = order != 0 ? order : candidate.SubmittedAt.CompareTo(held.SubmittedAt);
        return (order != 0 ? order : string.CompareOrdinal(candidate.Id, held.Id)) > 0;
    }
}
