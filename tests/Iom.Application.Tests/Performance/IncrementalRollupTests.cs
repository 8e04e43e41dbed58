using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Panels.Actions;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Agencies;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Performance;

/// <summary>
/// The nightly run kept incrementally (docs/performance-measures.md, "Incremental nightly run"), on a real SQLite
/// file and its change feed: after every night each rollup written equals a full recompute over every fact, and a
/// night costs its changes, not the history.
/// </summary>
public sealed class IncrementalRollupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    // 03:00 UTC is after 02:00 in London in either season, and on the same London date.
    private static async Task<NightlyRollupReport> RunNightAsync(RollupKit kit, DateOnly night)
    {
        kit.Time.SetUtcNow(new DateTimeOffset(night.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        var report = await kit.Nightly.RunAsync(Ct);
        report.Ran.ShouldBeTrue();
        return report;
    }

    private static async Task ShouldEqualAFullRecomputeAsync(IncrementalWorld world, DateOnly night, NightlyRollupReport report)
    {
        foreach (var (period, stored, expected) in await world.CompareAsync(night, report.Periods, Ct))
        {
            stored.ShouldBe(expected, $"{period} on the night of {night:yyyy-MM-dd}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task After_every_night_each_rollup_written_equals_a_full_recompute_over_every_fact(int seed)
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-02-01T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        var world = new IncrementalWorld(kit, seed);
        var random = new Random(seed);
        for (var day = D("2026-02-15"); day < D("2026-03-20"); day = day.AddDays(3))
        {
            await world.ChangeAsync(day, random.Next(2, 8), Ct);
        }

        // Across a month end, a quarter end and a financial year end (31 March to 1 April), both clock changes'
        // seasons, and a night missed (26 March) so the next one catches up two days.
        var rebuilt = new List<string>();
        var seeded = new List<string>();
        for (var night = D("2026-03-20"); night <= D("2026-04-06"); night = night.AddDays(1))
        {
            await world.ChangeAsync(night.AddDays(-1), random.Next(0, 9), Ct);
            if (night == D("2026-03-26"))
            {
                continue;
            }

            counting!.Reset();
            var report = await RunNightAsync(kit, night);
            await ShouldEqualAFullRecomputeAsync(world, night, report);
            if (report.State!.Rebuilt)
            {
                rebuilt.Add($"{night:yyyy-MM-dd} {report.State.Why}");
            }

            if (report.State.Seeded.Count > 0)
            {
                seeded.Add($"{night:yyyy-MM-dd} {string.Join(' ', report.State.Seeded)}");
                // From the fact index alone: no source document is scanned, and no fact is written but the night's own.
                counting.Scanned.ShouldBe([(Containers.Performance, "rollup-fact"), (Containers.People, "rollup-fact")]);
            }
        }

        // The full pass only where the state has nothing to start from, the first night; the first night of a month,
        // a quarter and a financial year (1 April) adds its periods from the fact index.
        rebuilt.ShouldBe(["2026-03-20 no-state"]);
        seeded.ShouldBe(["2026-04-01 2026-04 2026-Q2 FY2026-27"]);
    }

    // One person selected, one referral waiting, an action done: nothing whose figures move with the day alone in the
    // nights the tests run.
    private static async Task SeedQuietAsync(IDocumentStore documents)
    {
        var selected = Referral("referral-0001", "person-1", "police", "2026-11-02T10:00:00Z", new DateOnly(2026, 11, 17)).Select(T("2026-11-17T15:00:00Z"), "coordinator").Referral;
        await documents.CreateAsync(ReferralStore.KeyOf("person-1", selected.Id), selected, Ct);
        var waiting = Referral("referral-0002", "person-2", "probation", "2026-11-03T10:00:00Z", new DateOnly(2026, 11, 24));
        await documents.CreateAsync(ReferralStore.KeyOf("person-2", waiting.Id), waiting, Ct);
        var membership = CohortMembership.Empty("person-1").Select(new DateOnly(2026, 11, 17), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed,
            ["catch-and-control"], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2026-11-17");
        await documents.CreateAsync(CohortDocuments.MembershipOf("person-1"), membership, Ct);
        var action = new PanelAction("action-1", PanelCode.Iom, "iom-2026-11-17", "Visit", "owner", new DateOnly(2026, 11, 20), "person-1", PanelActionStatus.Open, T("2026-11-17T16:00:00Z"))
            .Complete(T("2026-11-18T10:00:00Z"), "owner", byCoordinator: false);
        await documents.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), action, Ct);
    }

    private static Referral Referral(string id, string personId, string agency, string submittedAt, DateOnly? meeting, DateOnly? born = null) => Domain.Referrals.Referral.Submit(
        id, personId, "IOM-261102-" + id[^4..], ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), meeting,
        new PersonDetails("Sam", "Smith", born ?? new DateOnly(1990, 1, 1), "male", "white-british", null, null, null, null, null, "E05000001"),
        "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
        agency, "user-1", T(submittedAt), []).Referral;

    [Fact]
    public async Task A_night_with_no_changes_reads_no_facts_and_writes_nothing()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-11-19T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        await SeedQuietAsync(kit.Real);
        await RunNightAsync(kit, D("2026-11-20"));
        var before = await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 11)), Ct);
        counting!.Reset();

        var report = await RunNightAsync(kit, D("2026-11-21"));

        report.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        report.State.Changes.ShouldBe(0);
        report.State.Facts.ShouldBe(0);
        counting.KindScans.ShouldBe(0);
        counting.DocumentsRead.Keys.ShouldBe([Containers.Performance]);
        // The night's claim and the state's head (its night moves on): no fact, accumulator or rollup.
        counting.Written.ShouldBe([RollupDocuments.RunKeyOf(D("2026-11-21")), RollupStateDocuments.Head]);
        (await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 11)), Ct)).ShouldNotBeNull().ETag.ShouldBe(before.ShouldNotBeNull().ETag);
    }

    [Fact]
    public async Task A_changed_referral_moves_exactly_its_cells()
    {
        using var kit = new RollupKit("2026-11-19T12:00:00Z");
        await SeedQuietAsync(kit.Real);
        await RunNightAsync(kit, D("2026-11-20"));
        var month = ReportingPeriod.Month(2026, 11);
        var before = (await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(month), Ct)).ShouldNotBeNull().Value;
        var stored = (await kit.Real.ReadAsync<Referral>(ReferralStore.KeyOf("person-2", "referral-0002"), Ct)).ShouldNotBeNull();
        await kit.Real.ReplaceAsync(stored.Key, stored.Value.Decline("not suitable", T("2026-11-20T14:00:00Z"), "coordinator").Referral, stored.ETag, Ct);

        var report = await RunNightAsync(kit, D("2026-11-21"));
        var after = (await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(month), Ct)).ShouldNotBeNull().Value;

        report.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        // The referral and its person's cohort and re-offending facts (person-2 is not in the cohort, so has neither).
        report.State.Facts.ShouldBe(3);
        report.State.Moved.ShouldBe(["2026-11", "2026-Q4", "FY2026-27"], ignoreOrder: true);
        Moved(before, after).ShouldBe(
        [
            // 11 and 13 working days to decision.
            ("referrals.days-to-decision.median", "total", "all", 11m, 12m),
            ("referrals.days-to-decision.p90", "total", "all", 11m, 13m),
            ("referrals.decided", "total", "all", 1m, 2m),
            ("referrals.declined", "agency", "probation", null, 1m),
            ("referrals.declined", "total", "all", 0m, 1m),
        ]);
    }

    private static List<(string, string, string, decimal?, decimal?)> Moved(Rollup before, Rollup after)
    {
        static Dictionary<(string, string, string), decimal?> Cells(Rollup r) =>
            r.Tables.SelectMany(t => t.Cells.Select(c => ((t.Measure, t.Breakdown, c.Key), c.Value))).ToDictionary(x => x.Item1, x => x.Value);
        var b = Cells(before);
        var a = Cells(after);
        return [.. b.Keys.Union(a.Keys).Where(k => b.GetValueOrDefault(k) != a.GetValueOrDefault(k) || b.ContainsKey(k) != a.ContainsKey(k))
            .Order().Select(k => (k.Item1, k.Item2, k.Item3, b.GetValueOrDefault(k), a.GetValueOrDefault(k)))];
    }

    [Theory]
    [InlineData("rollup-fact")]
    [InlineData("rollup-accumulator")]
    [InlineData("rollup")]
    [InlineData("rollup-state")]
    public async Task A_crashed_run_re_run_gives_the_same_result(string crashesWriting)
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-10-31T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        var world = new IncrementalWorld(kit, 7);
        for (var day = D("2026-11-01"); day < D("2026-11-10"); day = day.AddDays(1))
        {
            await world.ChangeAsync(day, 6, Ct);
        }

        await RunNightAsync(kit, D("2026-11-10"));
        await world.ChangeAsync(D("2026-11-10"), 12, Ct);
        counting!.FailNextWriteOf = crashesWriting;

        kit.Time.SetUtcNow(T("2026-11-11T03:00:00Z"));
        await Should.ThrowAsync<IOException>(() => kit.Nightly.RunAsync(Ct));
        kit.Time.SetUtcNow(T("2026-11-11T03:10:00Z"));
        var report = await kit.Nightly.RunAsync(Ct);

        report.Ran.ShouldBeTrue();
        report.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        await ShouldEqualAFullRecomputeAsync(world, D("2026-11-11"), report);
        // And the state it left goes on correctly the next night.
        await world.ChangeAsync(D("2026-11-11"), 12, Ct);
        var next = await RunNightAsync(kit, D("2026-11-12"));
        next.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        await ShouldEqualAFullRecomputeAsync(world, D("2026-11-12"), next);
    }

    [Theory]
    [InlineData("rollup-fact")]
    [InlineData("rollup-fact-due")]
    [InlineData("rollup-accumulator")]
    [InlineData("rollup")]
    [InlineData("rollup-state")]
    public async Task A_run_crashed_while_seeding_a_new_month_re_runs_to_the_same_seeded_result(string crashesWriting)
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-11-14T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        var world = new IncrementalWorld(kit, 13);
        for (var day = D("2026-11-15"); day < D("2026-11-30"); day = day.AddDays(1))
        {
            await world.ChangeAsync(day, 6, Ct);
        }

        // A cohort member who turns 25 on 1 December: the new month must count them in their new age band only.
        var birthday = Referral("referral-0025", "person-25", "police", "2026-11-16T10:00:00Z", new DateOnly(2026, 11, 24), born: new DateOnly(2001, 12, 1))
            .Select(T("2026-11-24T15:00:00Z"), "coordinator").Referral;
        await kit.Real.CreateAsync(ReferralStore.KeyOf(birthday.PersonId, birthday.Id), birthday, Ct);
        await kit.Real.CreateAsync(CohortDocuments.MembershipOf(birthday.PersonId), CohortMembership.Empty(birthday.PersonId).Select(new DateOnly(2026, 11, 24), PanelCode.Iom,
            CohortCategory.Ppo, CohortType.Fixed, [], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2026-11-24"), Ct);

        await RunNightAsync(kit, D("2026-11-30"));
        await world.ChangeAsync(D("2026-11-30"), 12, Ct);
        // And an action set that day, due later, so that the night indexes a due day whatever the world did.
        var action = new PanelAction("action-due", PanelCode.Iom, "iom-meeting", "Visit", "owner", new DateOnly(2026, 12, 4), "person-01", PanelActionStatus.Open, T("2026-11-30T17:00:00Z"));
        await kit.Real.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), action, Ct);
        counting!.FailNextWriteOf = crashesWriting;

        // The first night of December: its month is new to the state (the quarter and the year are kept already).
        kit.Time.SetUtcNow(T("2026-12-01T03:00:00Z"));
        await Should.ThrowAsync<IOException>(() => kit.Nightly.RunAsync(Ct));
        counting.FailNextWriteOf.ShouldBeNull($"the run wrote a {crashesWriting} before it crashed");
        kit.Time.SetUtcNow(T("2026-12-01T03:10:00Z"));
        var report = await kit.Nightly.RunAsync(Ct);

        report.Ran.ShouldBeTrue();
        report.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        report.State.Seeded.ShouldBe(["2026-12"]);
        await ShouldEqualAFullRecomputeAsync(world, D("2026-12-01"), report);
        await world.ChangeAsync(D("2026-12-01"), 12, Ct);
        var next = await RunNightAsync(kit, D("2026-12-02"));
        next.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        next.State.Seeded.ShouldBeEmpty();
        await ShouldEqualAFullRecomputeAsync(world, D("2026-12-02"), next);
    }

    [Fact]
    public async Task A_rebuild_writes_the_fact_index_a_partition_at_a_time_in_commits_of_at_most_100()
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-11-19T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        await SeedQuietAsync(kit.Real);
        // 250 open actions due on the same day: each names the day after as the day it falls overdue, so that day's
        // due partition holds 250 entries.
        for (var i = 0; i < 250; i++)
        {
            var action = new PanelAction($"action-b{i:000}", PanelCode.Iom, "iom-2026-11-17", "Visit", "owner", new DateOnly(2026, 11, 25), "person-1", PanelActionStatus.Open, T("2026-11-19T16:00:00Z"));
            await kit.Real.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), action, Ct);
        }

        var report = await RunNightAsync(kit, D("2026-11-20"));

        report.State.ShouldNotBeNull().Rebuilt.ShouldBeTrue();
        counting!.Upserted.ShouldNotContain("rollup-fact");
        counting.Upserted.ShouldNotContain("rollup-fact-due");
        var written = counting.Commits.Where(c => c.Kinds.Contains("rollup-fact") || c.Kinds.Contains("rollup-fact-due")).ToList();
        written.Sum(c => c.Kinds.Count(k => k == "rollup-fact")).ShouldBe(report.State.Facts);
        written.ShouldAllBe(c => c.Kinds.Count <= CommitLimits.MaxWrites);
        // As few commits as the limit allows: each partition's writes in ceil(n / 100) commits.
        foreach (var partition in written.GroupBy(c => (c.Container, c.Partition)))
        {
            partition.Count().ShouldBe((partition.Sum(c => c.Kinds.Count) + CommitLimits.MaxWrites - 1) / CommitLimits.MaxWrites, $"{partition.Key}");
        }

        written.Where(c => c.Partition == RollupStateDocuments.DuePartitionOf(D("2026-11-26"))).Select(c => c.Kinds.Count).Order().ShouldBe([50, 100, 100]);
        // Fewer commits than facts: the 250 actions' facts share the 256 hashed partitions.
        written.Count.ShouldBeLessThan(report.State.Facts);

        // The index so written carries the next night: incremental, and equal to a full recompute.
        var stored = (await kit.Real.ReadAsync<PanelAction>(PanelActionDocuments.KeyOf(PanelCode.Iom, "action-b007"), Ct)).ShouldNotBeNull();
        await kit.Real.ReplaceAsync(stored.Key, stored.Value.Complete(T("2026-11-20T10:00:00Z"), "owner", byCoordinator: false), stored.ETag, Ct);
        var next = await RunNightAsync(kit, D("2026-11-26"));
        next.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        await ShouldEqualAFullRecomputeAsync(new IncrementalWorld(kit, 0), D("2026-11-26"), next);
    }

    [Fact]
    public async Task Adding_an_agency_to_the_list_rebuilds_once_so_its_referrals_counted_as_unknown_move_to_its_code()
    {
        using var kit = new RollupKit("2026-11-19T12:00:00Z");
        await SeedQuietAsync(kit.Real);
        var youth = Referral("referral-0003", "person-3", "youth-justice", "2026-11-04T10:00:00Z", new DateOnly(2026, 11, 24));
        await kit.Real.CreateAsync(ReferralStore.KeyOf("person-3", youth.Id), youth, Ct);
        await RunNightAsync(kit, D("2026-11-20"));
        (await ReceivedByAgencyAsync(kit)).ShouldBe(new Dictionary<string, decimal?> { ["police"] = 1, ["probation"] = 1, ["unknown"] = 1 });

        kit.CurrentAgencies = new AgencyList([.. RollupKit.Agencies.All, new Agency("youth-justice", "Youth Justice Service")]);
        var added = await RunNightAsync(kit, D("2026-11-21"));
        kit.CurrentAgencies = new AgencyList([.. RollupKit.Agencies.All.Select(a => a with { Name = a.Name + " (renamed)" }), new Agency("youth-justice", "YJS", Retired: true)]);
        var renamedAndRetired = await RunNightAsync(kit, D("2026-11-22"));

        added.State.ShouldNotBeNull().Rebuilt.ShouldBeTrue();
        added.State.Why.ShouldBe("agencies-changed");
        renamedAndRetired.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse("names and retirement do not change a key");
        (await ReceivedByAgencyAsync(kit)).ShouldBe(new Dictionary<string, decimal?> { ["police"] = 1, ["probation"] = 1, ["youth-justice"] = 1 });
        await ShouldEqualAFullRecomputeAsync(new IncrementalWorld(kit, 0), D("2026-11-22"), renamedAndRetired);
    }

    private static async Task<Dictionary<string, decimal?>> ReceivedByAgencyAsync(RollupKit kit)
    {
        var month = (await kit.Real.ReadAsync<Rollup>(RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 11)), Ct)).ShouldNotBeNull().Value;
        return month.Tables.Single(t => t.Measure == "referrals.received" && t.Breakdown == "agency").Cells
            .Where(c => c.Value is not 0)
            .ToDictionary(c => c.Key, c => c.Value);
    }

    [Fact]
    public async Task A_refused_position_falls_back_to_a_full_rebuild()
    {
        using var kit = new RollupKit("2026-11-01T12:00:00Z");
        var world = new IncrementalWorld(kit, 11);
        await world.ChangeAsync(D("2026-11-05"), 20, Ct);
        await RunNightAsync(kit, D("2026-11-10"));
        var head = (await kit.Real.ReadAsync<RollupState>(RollupStateDocuments.Head, Ct)).ShouldNotBeNull().Value;
        await kit.Real.UpsertAsync(RollupStateDocuments.Head, head with { PeoplePosition = "not-a-position" }, Ct);
        await world.ChangeAsync(D("2026-11-10"), 10, Ct);

        var report = await RunNightAsync(kit, D("2026-11-11"));

        report.State.ShouldNotBeNull().Rebuilt.ShouldBeTrue();
        report.State.Why.ShouldBe("position-refused");
        (await kit.Real.ReadAsync<RollupState>(RollupStateDocuments.Head, Ct)).ShouldNotBeNull().Value.Generation.ShouldBe(head.Generation + 1);
        await ShouldEqualAFullRecomputeAsync(world, D("2026-11-11"), report);
    }

    [Fact]
    public async Task A_night_reads_as_many_documents_when_the_history_is_ten_times_longer()
    {
        var small = await DocumentsReadOnANightAsync(historyChanges: 40);
        var large = await DocumentsReadOnANightAsync(historyChanges: 400);

        small.Facts.ShouldBeGreaterThan(0);
        large.Facts.ShouldBe(small.Facts);
        large.Read.ShouldBe(small.Read);
        large.KindScans.ShouldBe(0);
    }

    // The same day's changes (people new to the history) after a history of the given length; what the night read.
    private static async Task<(int Facts, int Read, int KindScans)> DocumentsReadOnANightAsync(int historyChanges)
    {
        CountingRollupStore? counting = null;
        using var kit = new RollupKit("2026-08-31T12:00:00Z", wrap: real => counting = new CountingRollupStore(real));
        var world = new IncrementalWorld(kit, 5);
        for (var i = 0; i < historyChanges; i++)
        {
            await world.ChangeAsync(D("2026-09-01").AddDays(i * 50 / historyChanges), 1, Ct);
        }

        await RunNightAsync(kit, D("2026-11-19"));
        for (var i = 0; i < 3; i++)
        {
            var referral = Referral($"referral-90{i:00}", $"person-new-{i}", "police", "2026-11-19T10:00:00Z", new DateOnly(2026, 12, 1));
            await kit.Real.CreateAsync(ReferralStore.KeyOf(referral.PersonId, referral.Id), referral, Ct);
        }

        var action = new PanelAction("action-new", PanelCode.Iom, "iom-2026-11-17", "Visit", "owner", new DateOnly(2026, 11, 30), "person-new-0", PanelActionStatus.Open, T("2026-11-19T16:00:00Z"));
        await kit.Real.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), action, Ct);
        counting!.Reset();

        var report = await RunNightAsync(kit, D("2026-11-20"));

        report.State.ShouldNotBeNull().Rebuilt.ShouldBeFalse();
        return (report.State.Facts, counting.DocumentsRead.Values.Sum(), counting.KindScans);
    }
}
