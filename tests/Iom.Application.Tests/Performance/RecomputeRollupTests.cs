using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Errors;
using Iom.Application.Panels.Actions;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases.Alerts;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Performance;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Application.Tests.Performance;

/// <summary>Recompute and read against a SQLite file holding a small partnership's documents.</summary>
public sealed class RecomputeRollupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static decimal? Cell(Rollup rollup, string measure, string breakdown, string key) =>
        rollup.Tables.Single(t => t.Measure == measure && t.Breakdown == breakdown).Cells.Single(c => c.Key == key).Value;

    private static Referral Referral(string id, string personId, string agency, string submittedAt, string ward, DateOnly? meeting) => Domain.Referrals.Referral.Submit(
        id, personId, "IOM-261102-" + id[^4..], ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), meeting,
        new PersonDetails("Sam", "Smith", new DateOnly(1990, 1, 1), "male", "white-british", null, null, null, null, null, ward),
        "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
        agency, "user-1", T(submittedAt), []).Referral;

    // Two referrals from two agencies, one selected into the cohort; an alert; an action.
    private static async Task SeedAsync(RollupKit kit)
    {
        var selected = Referral("referral-0001", "person-1", "police", "2026-11-02T10:00:00Z", "E05000001", new DateOnly(2026, 11, 17))
            .Select(T("2026-11-17T15:00:00Z"), "coordinator").Referral;
        await kit.Documents.CreateAsync(ReferralStore.KeyOf("person-1", selected.Id), selected, Ct);
        var waiting = Referral("referral-0002", "person-2", "probation", "2026-11-03T10:00:00Z", "E05000002", null);
        await kit.Documents.CreateAsync(ReferralStore.KeyOf("person-2", waiting.Id), waiting, Ct);
        var membership = CohortMembership.Empty("person-1").Select(new DateOnly(2026, 11, 17), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed,
            ["catch-and-control"], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2026-11-17");
        await kit.Documents.CreateAsync(CohortDocuments.MembershipOf("person-1"), membership, Ct);
        var alert = ReleaseAlert.Raise("alert-release-1", "person-1", "release-1", ReleaseAlertKind.Released, new DateOnly(2026, 11, 20), T("2026-11-20T08:00:00Z"), null,
            T("2026-11-20T09:30:00Z"), [new ReleaseAlertRecipient("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, "probation", "alex@justice.gov.uk", "lead-oid")],
            new Domain.Calendar.WorkingDayCalendar());
        await kit.Documents.CreateAsync(ReleaseAlertDocuments.KeyOf("person-1", alert.Id), alert, Ct);
        var action = new PanelAction("action-1", PanelCode.Iom, "iom-2026-11-17", "Visit", "owner", new DateOnly(2026, 11, 20), "person-1", PanelActionStatus.Open, T("2026-11-17T16:00:00Z"));
        await kit.Documents.CreateAsync(PanelActionDocuments.KeyOf(PanelCode.Iom, action.Id), action, Ct);
    }

    [Fact]
    public async Task A_final_month_recomputed_after_late_data_keeps_the_councillor_view_first_published()
    {
        using var kit = new RollupKit("2026-12-10T12:00:00Z");
        await SeedAsync(kit);
        var november = ReportingPeriod.Month(2026, 11);
        var viewKey = RollupDocuments.CouncillorViewKeyOf(november);
        var first = await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct);
        var published = await kit.StoredBodyAsync(viewKey);
        var late = Referral("referral-0003", "person-3", "police", "2026-11-20T10:00:00Z", "E05000001", null);
        await kit.Documents.CreateAsync(ReferralStore.KeyOf("person-3", late.Id), late, Ct);
        kit.Time.Advance(TimeSpan.FromDays(1));

        var recomputed = await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct);

        published.ShouldNotBeNull();
        Cell(recomputed.Value, "referrals.received", "total", "all").ShouldBe(Cell(first.Value, "referrals.received", "total", "all") + 1);
        (await kit.StoredBodyAsync(viewKey)).ShouldBe(published);
        var view = (await kit.Documents.ReadAsync<PublishedCouncillorView>(viewKey, Ct)).ShouldNotBeNull().Value;
        RollupWriter.Bytes(view.View).ShouldBe(RollupWriter.Bytes(CouncillorView.Of(november, first.Value)!));
        view.PublishedOn.ShouldBe(new DateOnly(2026, 12, 10));
    }

    [Fact]
    public async Task A_month_to_date_or_a_quarter_publishes_no_councillor_view()
    {
        using var kit = new RollupKit("2026-12-10T12:00:00Z");
        await SeedAsync(kit);

        await kit.Recompute.HandleAsync("2026-12", RollupKit.Analyst, Ct);
        await kit.Recompute.HandleAsync("2026-Q3", RollupKit.Analyst, Ct);

        (await kit.Documents.ReadAsync<PublishedCouncillorView>(RollupDocuments.CouncillorViewKeyOf(ReportingPeriod.Month(2026, 12)), Ct)).ShouldBeNull();
        (await kit.Documents.ReadAsync<PublishedCouncillorView>(RollupDocuments.CouncillorViewKeyOf(ReportingPeriod.Quarter(2026, 3)), Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task Recomputing_a_period_twice_stores_the_same_bytes_and_keeps_its_ETag()
    {
        using var kit = new RollupKit("2026-12-10T12:00:00Z");
        await SeedAsync(kit);
        var key = RollupDocuments.KeyOf(ReportingPeriod.Month(2026, 11));

        var first = await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct);
        var firstBytes = await kit.StoredBodyAsync(key);
        kit.Time.Advance(TimeSpan.FromHours(3));
        var second = await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct);
        var secondBytes = await kit.StoredBodyAsync(key);
        // Written afresh, not merely left alone: the bytes come out the same.
        await kit.Documents.DeleteAsync(key, cancellationToken: Ct);
        await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct);
        var rewrittenBytes = await kit.StoredBodyAsync(key);

        firstBytes.ShouldNotBeNull();
        secondBytes.ShouldBe(firstBytes);
        second.ETag.ShouldBe(first.ETag);
        rewrittenBytes.ShouldBe(firstBytes);
    }

    [Fact]
    public async Task A_recompute_counts_what_the_documents_hold_and_its_watermark_is_the_latest_change_among_them()
    {
        using var kit = new RollupKit("2026-12-10T12:00:00Z");
        await SeedAsync(kit);

        var rollup = (await kit.Recompute.HandleAsync("2026-11", RollupKit.Analyst, Ct)).Value;

        rollup.Period.ShouldBe("2026-11");
        rollup.Final.ShouldBeTrue();
        rollup.DefinitionsVersion.ShouldBe(RollupCalculator.DefinitionsVersion);
        rollup.Watermark.ShouldBe(new RollupWatermark(T("2026-11-20T09:30:00Z"), null));
        Cell(rollup, "referrals.received", "total", "all").ShouldBe(2m);
        Cell(rollup, "referrals.received", "agency", "police").ShouldBe(1m);
        Cell(rollup, "referrals.selected", "total", "all").ShouldBe(1m);
        Cell(rollup, "referrals.days-to-decision.median", "total", "all").ShouldBe(11m);
        Cell(rollup, "cohort.size", "total", "all").ShouldBe(1m);
        Cell(rollup, "cohort.size", "ward", "E05000001").ShouldBe(1m);
        Cell(rollup, "cohort.flow-in", "category", "ppo").ShouldBe(1m);
        Cell(rollup, "release-alerts.time-to-send.median", "total", "all").ShouldBe(1.5m);
        Cell(rollup, "actions.overdue", "total", "all").ShouldBe(1m);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-q3")]
    [InlineData("FY2026-28")]
    [InlineData("<b>2026</b>")]
    public async Task A_malformed_period_is_refused_and_nothing_is_written(string period)
    {
        using var kit = new RollupKit();

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => kit.Recompute.HandleAsync(period, RollupKit.Analyst, Ct));
        await Should.ThrowAsync<ValidationFailedException>(() => kit.Get.HandleAsync(period, RollupKit.Analyst, Ct));

        refused.Errors.Keys.ShouldBe(["period"]);
        await foreach (var _ in kit.Documents.ReadKindAsync<Rollup>(Containers.Performance, Ct))
        {
            throw new ShouldAssertException("A rollup was written.");
        }
    }

    [Fact]
    public async Task A_period_that_has_not_started_is_refused_as_unprocessable_and_the_current_one_is_computed_to_today()
    {
        using var kit = new RollupKit("2026-11-15T12:00:00Z");

        var future = await Should.ThrowAsync<RefusalException>(() => kit.Recompute.HandleAsync("2026-12", RollupKit.Analyst, Ct));
        var current = await kit.Recompute.HandleAsync("2026-Q4", RollupKit.Analyst, Ct);

        future.Kind.ShouldBe(RefusalKind.Unprocessable);
        future.Reason.ShouldBe("period-in-the-future");
        current.Value.Final.ShouldBeFalse();
    }

    [Fact]
    public async Task Reading_a_period_not_yet_computed_is_not_found_and_a_computed_one_is_read_as_stored()
    {
        using var kit = new RollupKit("2026-12-10T12:00:00Z");
        await SeedAsync(kit);

        var missing = await Should.ThrowAsync<RefusalException>(() => kit.Get.HandleAsync("FY2026-27", RollupKit.Analyst, Ct));
        var computed = await kit.Recompute.HandleAsync("FY2026-27", RollupKit.Analyst, Ct);
        var read = await kit.Get.HandleAsync("FY2026-27", RollupKit.Analyst, Ct);

        missing.Kind.ShouldBe(RefusalKind.NotFound);
        missing.Reason.ShouldBe("rollup-not-computed");
        read.ETag.ShouldBe(computed.ETag);
        RollupWriter.Bytes(read.Value).ShouldBe(RollupWriter.Bytes(computed.Value));
    }
}
