using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Access;

public sealed class ObjectRuleTests
{
    // Members are configured by Entra object id; the e-mail is only where their mail goes.
    private const string IomMember = "6b0f3c1e-iom-member";
    private const string IomMemberEmail = "dc.smith@police.example";
    private const string AsbMember = "9d2a7e40-asb-member";
    private const string AsbGroup = "c31f0b52-asb-panel-group";

    private static readonly PanelDirectory Panels = new(Options.Create(new PanelsOptions
    {
        Panels =
        {
            ["iom"] = Panel("IOM Panel", "iom.coordinator@council.example", IomMember),
            ["asb"] = Panel("ASB Panel", "asb.coordinator@council.example", AsbMember, AsbGroup),
        },
    }));

    private static readonly ReferralAccess Rule = new(Panels);

    private static readonly Referral PoliceReferral = Referral(PanelCode.Iom, agency: "police");

    private static PanelOptions Panel(string name, string coordinator, string member, string? group = null) => new()
    {
        Name = name,
        CoordinatorEmail = coordinator,
        Members = [new PanelMemberOptions { Name = "M", Organisation = "O", Post = "P", Email = member == IomMember ? IomMemberEmail : "m@council.example", ObjectId = member }],
        MemberGroups = group is null ? [] : [group],
    };

    /// <summary>The seats the stored rosters give each member today, as the pipeline loads them (PanelSeats).</summary>
    private static readonly Dictionary<string, PanelCode[]> StoredSeats = new() { [IomMember] = [PanelCode.Iom], [AsbMember] = [PanelCode.Asb] };

    private static Caller Caller(string role, string? agency = "police", string? objectId = null, string? email = null, string[]? groups = null) =>
        new(objectId ?? $"user-{role}", "Someone", email, agency, new HashSet<string> { role })
        {
            Groups = new HashSet<string>(groups ?? []),
            SeatedPanels = StoredSeats.GetValueOrDefault(objectId ?? "", []).ToHashSet(),
        };

    private static Referral Referral(PanelCode panel, string agency) => new(
        "r1", "p1", "IOM-2026-000001", ReferralType.Iom, panel, ReferralStatus.Listed, null,
        new PersonDetails("A", "B", new DateOnly(1990, 1, 1), "male", null, null, null, null, null, null, null),
        "reason", [], [], RiskOfSeriousHarm.Medium, 0, false, null, null, false, false,
        new ReferrerDetails("R", "r@police.example", null), agency, "user-r", DateTimeOffset.UnixEpoch,
        new RoutingDecision("adult-offending", new Dictionary<string, string>(), panel), [], []);

    private static IReadOnlySet<string> Admits(params string[] roles) => roles.ToHashSet();

    [Fact]
    public void A_referrer_reaches_their_own_agencys_referral_and_not_another_agencys()
    {
        var endpoint = Admits(Roles.Referrer);
        Rule.Allows(Caller(Roles.Referrer, "police"), endpoint, PoliceReferral).ShouldBeTrue();
        Rule.Allows(Caller(Roles.Referrer, "probation"), endpoint, PoliceReferral).ShouldBeFalse();
        Rule.Allows(Caller(Roles.Referrer, agency: null), endpoint, Referral(PanelCode.Iom, agency: null!)).ShouldBeFalse();
    }

    [Fact]
    public void A_panel_member_reaches_referrals_of_the_panels_they_sit_on_only()
    {
        var endpoint = Admits(Roles.PanelMember);
        Rule.Allows(Caller(Roles.PanelMember, objectId: IomMember), endpoint, PoliceReferral).ShouldBeTrue();
        Rule.Allows(Caller(Roles.PanelMember, objectId: AsbMember), endpoint, PoliceReferral).ShouldBeFalse();
        Rule.Allows(Caller(Roles.PanelMember, objectId: "someone-else"), endpoint, PoliceReferral).ShouldBeFalse();
    }

    [Fact]
    public void Panel_membership_follows_the_object_id_and_never_the_email()
    {
        var endpoint = Admits(Roles.PanelMember);
        // Someone else given the member's address (Entra lets an e-mail or user name change hands) reaches nothing...
        Rule.Allows(Caller(Roles.PanelMember, objectId: "someone-else", email: IomMemberEmail), endpoint, PoliceReferral).ShouldBeFalse();
        // ...and the member keeps their seat whatever their address becomes.
        Rule.Allows(Caller(Roles.PanelMember, objectId: IomMember, email: "renamed@police.example"), endpoint, PoliceReferral).ShouldBeTrue();
    }

    [Fact]
    public void Panel_membership_comes_from_the_stored_rosters_not_from_the_members_configured()
    {
        var rule = new PanelAccess(Panels);
        var configuredOnly = Caller(Roles.PanelMember, objectId: IomMember) with { SeatedPanels = new HashSet<PanelCode>() };
        rule.Allows(configuredOnly, Admits(Roles.PanelMember), PanelCode.Iom).ShouldBeFalse();
        var seatedOnly = Caller(Roles.PanelMember, objectId: "not-configured") with { SeatedPanels = new HashSet<PanelCode> { PanelCode.Dyo } };
        rule.Allows(seatedOnly, Admits(Roles.PanelMember), PanelCode.Dyo).ShouldBeTrue();
        rule.Allows(seatedOnly, Admits(Roles.PanelMember), PanelCode.Iom).ShouldBeFalse();
    }

    [Fact]
    public void A_member_of_a_panels_entra_group_sits_on_that_panel_only()
    {
        var rule = new PanelAccess(Panels);
        var inGroup = Caller(Roles.PanelMember, objectId: "not-listed", groups: [AsbGroup]);
        rule.Allows(inGroup, Admits(Roles.PanelMember), PanelCode.Asb).ShouldBeTrue();
        rule.Allows(inGroup, Admits(Roles.PanelMember), PanelCode.Iom).ShouldBeFalse();
        rule.Allows(Caller(Roles.PanelMember, objectId: "not-listed", groups: ["another-group"]), Admits(Roles.PanelMember), PanelCode.Asb).ShouldBeFalse();
    }

    [Fact]
    public void A_coordinator_reaches_every_referral()
    {
        Rule.Allows(Caller(Roles.Coordinator, "council"), Admits(Roles.Coordinator), PoliceReferral).ShouldBeTrue();
    }

    [Fact]
    public void Only_the_clauses_of_roles_the_endpoint_admits_count()
    {
        // A co-ordinator who is also a referrer elsewhere may read any referral, but withdraw (referrers only) only their agency's.
        var both = new Caller("u", "Both", null, "probation", new HashSet<string> { Roles.Referrer, Roles.Coordinator });
        Rule.Allows(both, Admits(Roles.Referrer, Roles.Coordinator), PoliceReferral).ShouldBeTrue();
        Rule.Allows(both, Admits(Roles.Referrer), PoliceReferral).ShouldBeFalse();
    }

    [Fact]
    public void A_role_without_a_clause_reaches_nothing()
    {
        Rule.Roles.ShouldNotContain(Roles.Auditor);
        Rule.Allows(Caller(Roles.Auditor), Admits(Roles.Auditor), PoliceReferral).ShouldBeFalse();
    }

    [Fact]
    public void Panel_members_reach_only_their_panels_and_coordinators_every_panel()
    {
        var rule = new PanelAccess(Panels);
        rule.Allows(Caller(Roles.PanelMember, objectId: AsbMember), Admits(Roles.PanelMember), PanelCode.Asb).ShouldBeTrue();
        rule.Allows(Caller(Roles.PanelMember, objectId: AsbMember), Admits(Roles.PanelMember), PanelCode.Iom).ShouldBeFalse();
        rule.Allows(Caller(Roles.Coordinator), Admits(Roles.Coordinator), PanelCode.Dyo).ShouldBeTrue();
    }

    [Fact]
    public void Reaching_a_denied_object_is_the_same_refusal_as_reaching_a_missing_one()
    {
        var actor = new ActingAs(Caller(Roles.Referrer, "probation"), "c", "p") { Scope = new ObjectScope(Rule, Admits(Roles.Referrer)) };
        var denied = Should.Throw<RefusalException>(() => actor.Reach(PoliceReferral, NotFound));
        var missing = Should.Throw<RefusalException>(() => actor.Reach<Referral>(null, NotFound));
        (denied.Kind, denied.Reason, denied.Title).ShouldBe((missing.Kind, missing.Reason, missing.Title));
        denied.Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public void An_actor_whose_endpoint_declared_no_rule_cannot_reach_objects()
    {
        var actor = new ActingAs(Caller(Roles.Coordinator), "c", "p");
        Should.Throw<InvalidOperationException>(() => actor.Reach(PoliceReferral, NotFound));
    }

    [Fact]
    public void A_rule_about_another_kind_of_object_fails_closed()
    {
        var actor = new ActingAs(Caller(Roles.Coordinator), "c", "p") { Scope = new ObjectScope(Rule, Admits(Roles.Coordinator)) };
        Should.Throw<InvalidOperationException>(() => actor.Reach(PanelCode.Iom, NotFound));
    }

    [Fact]
    public void A_scope_records_that_its_rule_was_applied()
    {
        var scope = new ObjectScope(Rule, Admits(Roles.Coordinator));
        scope.WasApplied.ShouldBeFalse();
        new ActingAs(Caller(Roles.Coordinator), "c", "p") { Scope = scope }.Reach(PoliceReferral, NotFound);
        scope.WasApplied.ShouldBeTrue();
    }

    [Fact]
    public void Every_object_rule_in_the_application_is_registered()
    {
        typeof(IObjectRule).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IObjectRule)))
            .ShouldBe(ObjectRules.All, ignoreOrder: true);
    }

    [Fact]
    public void Only_a_role_whose_clause_reaches_every_object_may_reach_them_all_at_once()
    {
        var endpoint = Admits(Roles.Referrer, Roles.Coordinator, Roles.PanelMember);
        new ActingAs(Caller(Roles.Coordinator), "c", "p") { Scope = new ObjectScope(Rule, endpoint) }.ReachEvery<Referral>(NotFound);
        Should.Throw<RefusalException>(() => new ActingAs(Caller(Roles.Referrer), "c", "p") { Scope = new ObjectScope(Rule, endpoint) }.ReachEvery<Referral>(NotFound));
        Should.Throw<RefusalException>(() => new ActingAs(Caller(Roles.PanelMember, objectId: IomMember), "c", "p") { Scope = new ObjectScope(Rule, endpoint) }.ReachEvery<Referral>(NotFound));
        // A co-ordinator admitted only by another endpoint's roles does not count here.
        Should.Throw<RefusalException>(() => new ActingAs(Caller(Roles.Coordinator), "c", "p") { Scope = new ObjectScope(Rule, Admits(Roles.Referrer)) }.ReachEvery<Referral>(NotFound));
    }

    private static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no referral with that id.");
}
