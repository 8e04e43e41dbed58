using System.Globalization;
using Iom.Application.Cohort;
using Iom.Application.Performance.Rollups;
using Iom.Application.Referrals;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Performance;

/// <summary>The full pass's choice of the referral that profiles a cohort member (the incremental run's is checked against it in IncrementalRollupTests).</summary>
public sealed class DocumentFactSourceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static Referral Referral(string id, string submittedAt, string ward, bool selected)
    {
        var submitted = Domain.Referrals.Referral.Submit(
            id, "person-1", "IOM-261102-" + id[^4..], ReferralType.Iom,
            new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), new DateOnly(2026, 11, 17),
            new PersonDetails("Sam", "Smith", new DateOnly(1990, 1, 1), "male", "white-british", null, null, null, null, null, ward),
            "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
            "police", "user-1", T(submittedAt), []).Referral;
        return selected ? submitted.Select(T(submittedAt).AddDays(7), "coordinator").Referral : submitted;
    }

    [Theory]
    [InlineData("a", "b", "c", "d")]
    [InlineData("d", "c", "b", "a")]
    [InlineData("b", "d", "a", "c")]
    public async Task A_cohort_members_profile_comes_from_their_latest_selected_referral_whatever_order_they_are_stored_in(
        string first, string second, string third, string fourth)
    {
        using var kit = new RollupKit();
        var referrals = new Dictionary<string, Referral>
        {
            // An older selected referral, the latest selected one, a later one not selected, and one selected at the
            // same instant as the latest but with a smaller id.
            ["a"] = Referral("referral-000a", "2026-01-05T10:00:00Z", "E05000001", selected: true),
            ["b"] = Referral("referral-000b", "2026-06-01T10:00:00Z", "E05000002", selected: true),
            ["c"] = Referral("referral-000c", "2026-10-01T10:00:00Z", "E05000003", selected: false),
            ["d"] = Referral("referral-0009", "2026-06-01T10:00:00Z", "E05000004", selected: true),
        };
        foreach (var key in new[] { first, second, third, fourth })
        {
            await kit.Real.CreateAsync(ReferralStore.KeyOf("person-1", referrals[key].Id), referrals[key], Ct);
        }

        await kit.Real.CreateAsync(CohortDocuments.MembershipOf("person-1"), CohortMembership.Empty("person-1").Select(new DateOnly(2026, 6, 8), PanelCode.Iom,
            CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"], new LeadProfessional("Alex", "probation", "alex@justice.gov.uk", null), "iom-2026-06-08"), Ct);

        var read = await new DocumentFactSource(kit.Real, RollupKit.Agencies).ReadAsync(Ct);

        read.Facts.Cohort.ShouldHaveSingleItem().Profile.Ward.ShouldBe("E05000002");
    }
}
