using System.Text.Json;
using Iom.Application.Cohort;
using Iom.Application.Offending;
using Iom.Application.Ports.Documents;
using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Performance.Reoffending;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// The nightly rollups at the cost of the day's changes (docs/performance-measures.md, "Incremental nightly run").
/// Reads the change feeds of <c>people</c> and <c>panels</c> from the stored positions, rebuilds the fact of each
/// changed document (a person's cohort fact from that person's partition only), and for every period kept takes the
/// old fact's contribution away and adds the new one's; facts whose contribution moves with the day alone (spells,
/// birthdays, actions falling overdue) are found in the due-day index. Then the rollups are derived and written
/// (unchanged bytes are not rewritten) and the head is moved last, so a crashed run is re-applied from where it
/// started. A period not kept yet (the first night of a month, quarter or year) is seeded from the fact index, which
/// holds every fact as the state knows it. A full rebuild (<see cref="IPerformanceFactSource"/>) is the fallback: no
/// state yet, other definitions, kinds or agency codes, a refused feed position, or a state that does not add up.
/// </summary>
public sealed class IncrementalRollups(IDocumentStore documents, IDocumentChangeFeed feed, IPerformanceFactSource source, RollupWriter writer, WorkingDayCalendar calendar, AgencyList agencies)
{
    /// <summary>The kinds in <c>people</c> facts come from: an offending record rebuilds its person's facts (the per-person sections).</summary>
    public static IReadOnlyList<string> PeopleKinds { get; } =
        [DocumentKind.Of<Referral>(), DocumentKind.Of<CohortMembership>(), DocumentKind.Of<ReleaseAlert>(), DocumentKind.Of<StoredOffendingRecord>(), DocumentKind.Of<ReferralErased>()];

    public static IReadOnlyList<string> PanelKinds { get; } = [DocumentKind.Of<Circulation>(), DocumentKind.Of<PanelAction>()];

    // The definitions version of a head whose rebuild has not finished: never the calculator's, so it is rebuilt.
    private const string Rebuilding = "rebuilding";

    private static IReadOnlyList<string> Kinds { get; } = [.. PeopleKinds.Concat(PanelKinds).Order(StringComparer.Ordinal)];

    // What a referral fact's agency key can be: every listed code, retired ones included.
    private IReadOnlyList<string> AgencyCodes { get; } = [.. agencies.All.Select(a => a.Code).Order(StringComparer.Ordinal)];

    public async Task<IncrementalRollupReport> RunAsync(DateOnly night, IReadOnlyList<ReportingPeriod> periods, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var state = (await documents.ReadAsync<RollupState>(RollupStateDocuments.Head, cancellationToken))?.Value;
        var why = state is null ? "no-state"
            : state.DefinitionsVersion == Rebuilding ? "rebuild-unfinished"
            : state.DefinitionsVersion != RollupCalculator.DefinitionsVersion ? "definitions-changed"
            : state.Kinds is null || !state.Kinds.SequenceEqual(Kinds) ? "kinds-changed"
            : state.AgencyCodes is null || !state.AgencyCodes.SequenceEqual(AgencyCodes) ? "agencies-changed"
            : state.Night > night ? "state-ahead"
            : null;
        if (state is null || why is not null)
        {
            return await RebuildAsync(night, periods, state, why ?? "no-state", cancellationToken);
        }

        Changes changes;
        try
        {
            changes = await ReadChangesAsync(state, cancellationToken);
        }
        catch (InvalidContinuationException)
        {
            return await RebuildAsync(night, periods, state, "position-refused", cancellationToken);
        }

        var accumulators = new Dictionary<ReportingPeriod, Kept>();
        var added = periods.Where(p => !state.Periods.Contains(p.Name)).ToList();
        foreach (var period in periods.Except(added))
        {
            var stored = (await documents.ReadAsync<StoredAccumulator>(RollupStateDocuments.AccumulatorOf(period), cancellationToken))?.Value;
            if (AsOfState(stored, state) is not { } cells)
            {
                return await RebuildAsync(night, periods, state, "accumulator-missing:" + period.Name, cancellationToken);
            }

            accumulators[period] = new Kept(stored, cells, Restore(cells));
        }

        if (added.Count > 0)
        {
            // Whatever a crashed run wrote for a period the head does not keep is not the state's: seeded afresh.
            foreach (var (period, accumulator) in await SeedAsync(added, state, cancellationToken))
            {
                accumulators[period] = new Kept(null, Cells(accumulator), accumulator);
            }
        }

        // In the order asked for (the rollups are written in it).
        accumulators = periods.ToDictionary(p => p, p => accumulators[p]);
        return await ApplyAsync(night, state, changes, accumulators, [.. added.Select(p => p.Name)], cancellationToken);
    }

    /// <summary>
    /// The accumulators of periods the state does not keep yet, as of the state's night, from the fact index alone:
    /// every fact as the state knows it (its generation; a fact a crashed run wrote after that night is read as what
    /// it replaced), seen on the state's night as the kept periods' accumulators are. The night's changes and due
    /// facts then move them like the others, so each ends equal to a full <see cref="RollupCalculator.Accumulate"/>:
    /// a fact's contribution to any period changes between two nights only when the fact does or a due day says so.
    /// Read a page at a time (the facts in the <c>facts-xx</c> partitions, then the cohort facts in the people's own
    /// partitions); no source document is read and nothing is written.
    /// </summary>
    private async Task<Dictionary<ReportingPeriod, RollupAccumulator>> SeedAsync(IReadOnlyList<ReportingPeriod> added, RollupState state, CancellationToken cancellationToken)
    {
        var seeded = added.ToDictionary(p => p, _ => new RollupAccumulator());
        foreach (var container in new[] { Containers.Performance, Containers.People })
        {
            await foreach (var stored in documents.ReadKindAsync<IndexedFact>(container, cancellationToken))
            {
                if (AsOfState(stored.Value, state) is not { } fact)
                {
                    continue;
                }

                foreach (var (period, accumulator) in seeded)
                {
                    accumulator.Add(FactValue.Contribution(fact, period, state.Night, calendar));
                }
            }
        }

        return seeded;
    }

    private async Task<IncrementalRollupReport> ApplyAsync(
        DateOnly night,
        RollupState state,
        Changes changes,
        Dictionary<ReportingPeriod, Kept> accumulators,
        IReadOnlyList<string> seeded,
        CancellationToken cancellationToken)
    {
        var asOf = state.AsOf;
        var changed = new Dictionary<string, FactValue?>(StringComparer.Ordinal);
        var persons = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var change in changes.People)
        {
            switch (change.Kind)
            {
                case var k when k == DocumentKind.Of<Referral>():
                    var referral = change.Read<Referral>();
                    changed[FactValue.KeyOfReferral(referral.Id)] = new FactValue(Referral: ReferralFact.Of(referral, agencies));
                    asOf = DocumentFactSource.Later(asOf, DocumentFactSource.LatestChange(referral));
                    break;
                case var k when k == DocumentKind.Of<ReleaseAlert>():
                    var alert = change.Read<ReleaseAlert>();
                    changed[FactValue.KeyOfAlert(alert.Id)] = new FactValue(Alert: ReleaseAlertFact.Of(alert));
                    asOf = DocumentFactSource.Later(asOf, DocumentFactSource.LatestChange(alert));
                    break;
                case var k when k == DocumentKind.Of<ReferralErased>():
                    changed[FactValue.KeyOfReferral(change.Read<ReferralErased>().ReferralId)] = null;
                    break;
            }

            // These kinds can move a person's cohort fact (the describing referral, the membership, and the
            // per-person sections such as re-offending); an alert cannot.
            if (change.Kind != DocumentKind.Of<ReleaseAlert>())
            {
                persons.Add(change.Key.Partition);
            }
        }

        foreach (var change in changes.Panels)
        {
            if (change.Kind == DocumentKind.Of<Circulation>())
            {
                var circulation = change.Read<Circulation>();
                var fact = CirculationFact.Of(circulation);
                changed[FactValue.KeyOfCirculation(circulation.Id)] = fact is null ? null : new FactValue(Circulation: fact);
                asOf = fact is null ? asOf : DocumentFactSource.Later(asOf, DocumentFactSource.LatestChange(circulation));
            }
            else if (change.Kind == DocumentKind.Of<PanelAction>())
            {
                var action = change.Read<PanelAction>();
                changed[FactValue.KeyOfAction(action.Id)] = new FactValue(Action: ActionFact.Of(action));
                asOf = DocumentFactSource.Later(asOf, DocumentFactSource.LatestChange(action));
            }
        }

        foreach (var person in persons)
        {
            var membership = (await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(person), cancellationToken))?.Value;
            changed[FactValue.KeyOfCohort(person)] = await CohortFactOfAsync(membership, person, cancellationToken);
            var (offender, recorded) = await OffenderFactOfAsync(membership, person, cancellationToken);
            changed[FactValue.KeyOfOffender(person)] = offender;
            asOf = DocumentFactSource.Later(asOf, recorded);
        }

        // Facts whose contribution moves with the day alone, for each day since the state's night.
        var keys = new SortedSet<string>(changed.Keys, StringComparer.Ordinal);
        for (var day = state.Night.AddDays(1); day <= night; day = day.AddDays(1))
        {
            await foreach (var due in documents.ReadPartitionAsync<FactDue>(Containers.Performance, RollupStateDocuments.DuePartitionOf(day), cancellationToken))
            {
                keys.Add(due.Value.FactKey);
            }
        }

        // Each fact as the state knows it, then as it is now; the accumulators move by the difference.
        var old = new Dictionary<string, FactValue?>(StringComparer.Ordinal);
        var held = new Dictionary<string, IndexedFact?>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            held[key] = (await documents.ReadAsync<IndexedFact>(RollupStateDocuments.FactOf(key), cancellationToken))?.Value;
            old[key] = AsOfState(held[key], state);
        }

        var moved = new List<ReportingPeriod>();
        try
        {
            foreach (var (period, (_, _, accumulator)) in accumulators)
            {
                var before = Cells(accumulator);
                foreach (var key in keys)
                {
                    var now = changed.TryGetValue(key, out var fact) ? fact : old[key];
                    accumulator.Subtract(FactValue.Contribution(old[key], period, state.Night, calendar));
                    accumulator.Add(FactValue.Contribution(now, period, night, calendar));
                }

                if (!Same(before, Cells(accumulator)))
                {
                    moved.Add(period);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // A value to take away that the state does not hold: the state is not what the facts say, so build it again.
            return await RebuildAsync(night, [.. accumulators.Keys], state, "state-inconsistent", cancellationToken);
        }

        // The facts of changed documents, each with the fact it replaces (so a re-applied run starts from it), and
        // the days their contribution will move on; committed a partition at a time.
        var batch = new BatchedWrites(documents);
        foreach (var (key, fact) in changed)
        {
            // Replacing a fact by itself writes nothing (unless a crashed run left a newer entry to set right).
            if (Same(old[key], fact) && (held[key] is { } entry ? entry.Generation == state.Generation && entry.Night <= state.Night : fact is null))
            {
                continue;
            }

            await IndexAsync(batch, key, new IndexedFact(key, state.Generation, night, fact, old[key]), cancellationToken);
        }

        await batch.FlushAsync(cancellationToken);
        foreach (var (period, (stored, start, accumulator)) in accumulators)
        {
            var cells = Cells(accumulator);
            // Unchanged and not left half-applied by a crashed run: nothing to write (the stored night stays valid).
            if (stored is not null && stored.Night <= state.Night && stored.Generation == state.Generation && Same(stored.Cells, cells))
            {
                continue;
            }

            await documents.UpsertAsync(RollupStateDocuments.AccumulatorOf(period), new StoredAccumulator(period.Name, state.Generation, night, cells, state.Night, start), cancellationToken);
        }

        await WriteRollupsAsync(night, accumulators.Select(a => (a.Key, a.Value.Accumulator)), asOf, cancellationToken);
        await documents.UpsertAsync(RollupStateDocuments.Head, state with
        {
            Night = night,
            PeoplePosition = changes.PeoplePosition,
            PanelsPosition = changes.PanelsPosition,
            AsOf = asOf,
            Periods = [.. accumulators.Keys.Select(p => p.Name)],
        }, cancellationToken);
        return new IncrementalRollupReport(false, null, changes.People.Count + changes.Panels.Count, keys.Count, [.. moved.Select(p => p.Name)], seeded);
    }

    /// <summary>
    /// Today's path, and the fallback: every fact from a full pass, the state written afresh under a new generation.
    /// The head first takes the new generation and a definitions version no run accepts, so a rebuild that fails is
    /// done again (under a newer generation still: nothing it half-wrote is ever read as the state's), and the feed
    /// positions are taken before the pass, so a change made during it is read again next night (replacing a fact by
    /// itself changes nothing).
    /// </summary>
    private async Task<IncrementalRollupReport> RebuildAsync(DateOnly night, IReadOnlyList<ReportingPeriod> periods, RollupState? state, string why, CancellationToken cancellationToken)
    {
        var generation = (state?.Generation ?? 0) + 1;
        await documents.UpsertAsync(RollupStateDocuments.Head,
            new RollupState(Rebuilding, generation, night, "", "", DateTimeOffset.UnixEpoch, [], Kinds, AgencyCodes), cancellationToken);
        var people = await feed.EndPositionAsync(Containers.People, cancellationToken);
        var panels = await feed.EndPositionAsync(Containers.Panels, cancellationToken);
        var read = await source.ReadAsync(cancellationToken);
        var facts = 0;
        var batch = new BatchedWrites(documents);
        foreach (var (key, fact) in FactValue.All(read.Facts))
        {
            facts++;
            await IndexAsync(batch, key, new IndexedFact(key, generation, night, fact, null), cancellationToken);
        }

        await batch.FlushAsync(cancellationToken);

        var accumulators = new List<(ReportingPeriod, RollupAccumulator)>();
        foreach (var period in periods)
        {
            var accumulator = RollupCalculator.Accumulate(period, night, read.Facts, calendar);
            await documents.UpsertAsync(RollupStateDocuments.AccumulatorOf(period), new StoredAccumulator(period.Name, generation, night, Cells(accumulator)), cancellationToken);
            accumulators.Add((period, accumulator));
        }

        await WriteRollupsAsync(night, accumulators, read.AsOf, cancellationToken);
        await documents.UpsertAsync(RollupStateDocuments.Head,
            new RollupState(RollupCalculator.DefinitionsVersion, generation, night, people, panels, read.AsOf, [.. periods.Select(p => p.Name)], Kinds, AgencyCodes), cancellationToken);
        return new IncrementalRollupReport(true, why, null, facts, [.. periods.Select(p => p.Name)], []);
    }

    private async Task WriteRollupsAsync(DateOnly night, IEnumerable<(ReportingPeriod Period, RollupAccumulator Accumulator)> accumulators, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        // The watermark is the inputs' latest change, as a full recompute of the same documents gives it: the feed
        // positions are the state's, not the rollup's, so a night that changed nothing rewrites no rollup.
        foreach (var (period, accumulator) in accumulators)
        {
            await writer.WriteAsync(period, night, RollupCalculator.Derive(period, night, accumulator, new RollupWatermark(asOf, null), writer.Ni30), cancellationToken);
        }
    }

    // A fact in the index and the days after its night on which its contribution will move.
    private static async Task IndexAsync(BatchedWrites batch, string key, IndexedFact indexed, CancellationToken cancellationToken)
    {
        await batch.UpsertAsync(RollupStateDocuments.FactOf(key), indexed, cancellationToken);
        foreach (var day in FactValue.ChangeDays(indexed.Current, indexed.Night))
        {
            await batch.UpsertAsync(RollupStateDocuments.DueOf(day, key), new FactDue(key), cancellationToken);
        }
    }

    // A person's cohort fact from their own partition: the membership and the referral that describes them.
    private async Task<FactValue?> CohortFactOfAsync(CohortMembership? membership, string personId, CancellationToken cancellationToken)
    {
        if (membership is null)
        {
            return null;
        }

        var referrals = new List<Referral>();
        await foreach (var referral in documents.ReadPartitionAsync<Referral>(Containers.People, personId, cancellationToken))
        {
            referrals.Add(referral.Value);
        }

        return new FactValue(Cohort: CohortFact.Of(membership, DocumentFactSource.Describing(referrals)));
    }

    // A person's re-offending fact from their own partition: the membership and their offending records (none for a
    // person never in the cohort, as in a full pass), with the latest record's time for the watermark.
    private async Task<(FactValue? Fact, DateTimeOffset Recorded)> OffenderFactOfAsync(CohortMembership? membership, string personId, CancellationToken cancellationToken)
    {
        if (membership is null || membership.Periods.Count == 0)
        {
            return (null, DateTimeOffset.UnixEpoch);
        }

        var offences = new List<ProvenOffence>();
        var recorded = DateTimeOffset.UnixEpoch;
        await foreach (var record in documents.ReadPartitionAsync<StoredOffendingRecord>(Containers.People, personId, cancellationToken))
        {
            offences.Add(record.Value.ToProvenOffence());
            recorded = DocumentFactSource.Later(recorded, record.Value.RecordedAt);
        }

        return OffenderFact.Of(membership, offences) is { } fact ? (new FactValue(Offender: fact), recorded) : (null, DateTimeOffset.UnixEpoch);
    }

    private async Task<Changes> ReadChangesAsync(RollupState state, CancellationToken cancellationToken)
    {
        var (people, peoplePosition) = await ReadAllAsync(Containers.People, PeopleKinds, state.PeoplePosition, cancellationToken);
        var (panels, panelsPosition) = await ReadAllAsync(Containers.Panels, PanelKinds, state.PanelsPosition, cancellationToken);
        return new Changes(people, peoplePosition, panels, panelsPosition);
    }

    // Every change since the position, each document once (its latest version: a document changed again while the
    // feed was paged comes back later in it, and the later one wins).
    private async Task<(IReadOnlyList<DocumentChange>, string)> ReadAllAsync(string container, IReadOnlyCollection<string> kinds, string after, CancellationToken cancellationToken)
    {
        var changes = new Dictionary<DocumentKey, DocumentChange>();
        var position = after;
        while (true)
        {
            var page = await feed.ReadChangesAsync(container, kinds, position, DocumentChangePage.MaxItems, cancellationToken);
            foreach (var change in page.Changes)
            {
                changes.Remove(change.Key);
                changes[change.Key] = change;
            }

            position = page.Position;
            if (!page.MoreWaiting)
            {
                return ([.. changes.Values], position);
            }
        }
    }

    // The fact the state (its night and generation) knows: another generation's is none; one written by a run
    // after the state's night (that crashed before moving the head) is read as what it replaced.
    private static FactValue? AsOfState(IndexedFact? stored, RollupState state) =>
        stored is null || stored.Generation != state.Generation ? null
        : stored.Night > state.Night ? stored.Previous
        : stored.Current;

    private static AccumulatorCells? AsOfState(StoredAccumulator? stored, RollupState state) =>
        stored is null || stored.Generation != state.Generation ? null
        : stored.Night <= state.Night ? stored.Cells
        : stored.PreviousNight == state.Night ? stored.Previous
        : null;

    private static AccumulatorCells Cells(RollupAccumulator accumulator) => new(
        [.. accumulator.Counts.Select(c => new StoredCell(c.Key.Measure, c.Key.Breakdown, c.Key.Key, c.Value))],
        accumulator.Histograms.ToDictionary(h => h.Key, h => (IReadOnlyList<int[]>)[.. h.Value.Values.Select(v => new[] { v.Key, v.Value })], StringComparer.Ordinal));

    private static RollupAccumulator Restore(AccumulatorCells cells)
    {
        var accumulator = new RollupAccumulator();
        foreach (var cell in cells.Counts)
        {
            accumulator.Restore(new CellKey(cell.Measure, cell.Breakdown, cell.Key), cell.Value);
        }

        foreach (var (name, values) in cells.Histograms)
        {
            foreach (var pair in values)
            {
                accumulator.Restore(name, pair[0], pair[1]);
            }
        }

        return accumulator;
    }

    private static bool Same<T>(T a, T b) =>
        JsonSerializer.SerializeToUtf8Bytes(a, DocumentJson.Options).AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, DocumentJson.Options));

    // A period's accumulator as stored (null when seeded tonight), as the state knows it, and as it moves tonight.
    private sealed record Kept(StoredAccumulator? Stored, AccumulatorCells Start, RollupAccumulator Accumulator);

    private sealed record Changes(IReadOnlyList<DocumentChange> People, string PeoplePosition, IReadOnlyList<DocumentChange> Panels, string PanelsPosition);
}
