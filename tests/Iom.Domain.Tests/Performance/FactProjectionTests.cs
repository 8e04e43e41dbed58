using System.Globalization;
using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;

namespace Iom.Domain.Tests.Performance;

/// <summary>Each fact is a pure function of the document it comes from, read in London dates.</summary>
public sealed class FactProjectionTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static readonly AgencyList Agencies = new([new Agency("police", "Police"), new Agency("cps", "Crown Prosecution Service", Retired: true)]);

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static readonly PersonDetails Person = new("Sam", "Smith", new DateOnly(1990, 1, 1), "male", null, null, null, null, null, null, " E05000001 ");

    private static Referral Submitted(DateOnly? meeting, string submittedAt, string agency = "police") => Referral.Submit(
        "r1", "p1", "IOM-261214-ABCD", ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), meeting, Person,
        "Burglaries", [], [], RiskOfSeriousHarm.Medium, 0, false, null, null, true, false, new ReferrerDetails("Pat", "pat@police.uk", null), agency,
        "u1", T(submittedAt), []).Referral;

    [Fact]
    public void A_referral_submitted_late_on_31_March_in_summer_time_is_received_on_1_April_in_London()
    {
        // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April: the financial year it counts in is London's.
        var fact = ReferralFact.Of(Submitted(new DateOnly(2026, 4, 28), "2026-03-31T23:30:00Z"), Agencies);

        fact.Received.ShouldBe(new DateOnly(2026, 4, 1));
        fact.Agency.ShouldBe("police");
        fact.MeetingDate.ShouldBe(new DateOnly(2026, 4, 28));
        fact.Outcomes.ShouldBeEmpty();
        fact.Decision.ShouldBeNull();
    }

    [Theory]
    [InlineData("police", "police")]
    [InlineData(" Police ", "police")]
    [InlineData("CPS", "cps")]
    [InlineData("polcie", "unknown")]
    [InlineData("<script>alert(1)</script>", "unknown")]
    [InlineData("", "unknown")]
    public void A_referrals_agency_is_the_listed_code_its_stored_value_names_whatever_the_case_and_otherwise_unknown(string stored, string key)
    {
        ReferralFact.Of(Submitted(null, "2026-11-02T10:00:00Z", stored), Agencies).Agency.ShouldBe(key);
    }

    [Fact]
    public void A_referral_deferred_then_selected_has_both_outcomes_and_its_decision_is_the_selection()
    {
        var referral = Submitted(new DateOnly(2026, 11, 10), "2026-10-20T10:00:00Z")
            .Defer("more information", T("2026-11-10T12:00:00Z"), "c").Referral
            .ListFor(new DateOnly(2026, 11, 24), T("2026-11-11T09:00:00Z"), "c").Referral
            .Select(T("2026-11-24T15:00:00Z"), "c").Referral;

        var fact = ReferralFact.Of(referral, Agencies);

        fact.Outcomes.ShouldBe([new ReferralOutcome(ReferralStatus.Deferred, new DateOnly(2026, 11, 10)), new ReferralOutcome(ReferralStatus.Selected, new DateOnly(2026, 11, 24))]);
        fact.Decision.ShouldBe(new ReferralOutcome(ReferralStatus.Selected, new DateOnly(2026, 11, 24)));
        fact.MeetingDate.ShouldBe(new DateOnly(2026, 11, 24));
    }

    [Fact]
    public void A_cohort_fact_takes_its_spells_from_the_membership_and_its_profile_from_the_referral()
    {
        var membership = CohortMembership.Empty("p1")
            .Select(new DateOnly(2026, 1, 5), PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"], new LeadProfessional("Alex", "probation", "a@example.gov.uk", null), "m1")
            .Deselect(new DateOnly(2026, 6, 1), "progress", "m2");

        var fact = CohortFact.Of(membership, Submitted(null, "2025-12-01T10:00:00Z"));
        var unprofiled = CohortFact.Of(membership, (Referral?)null);

        fact.PersonId.ShouldBe("p1");
        fact.Spells.ShouldHaveSingleItem().To.ShouldBe(new DateOnly(2026, 6, 1));
        fact.Profile.ShouldBe(new PersonProfile(new DateOnly(1990, 1, 1), "male", null, "E05000001"));
        unprofiled.Profile.ShouldBe(PersonProfile.Unknown);
    }

    [Theory]
    [InlineData(" e05000001 ", "E05000001")]
    [InlineData("W05000123", "W05000123")]
    [InlineData("Teddington", null)]
    [InlineData("12 Acacia Avenue", null)]
    [InlineData("E0500000", null)]
    [InlineData("", null)]
    public void Only_a_ward_code_reaches_a_profile_free_text_counts_as_unknown(string stored, string? expected) =>
        PersonProfile.Of(Person with { Ward = stored }).Ward.ShouldBe(expected);

    [Fact]
    public void Only_a_meetings_first_agenda_or_minutes_is_a_timeliness_fact()
    {
        var meeting = MeetingId.TryParse("iom-2026-11-30", out var id) ? id : throw new InvalidOperationException("meeting id");
        Circulation Start(CirculationKind kind, string issue, bool cancelled = false) =>
            Circulation.Start(meeting, kind, issue, new DateOnly(2026, 11, 23), T("2026-11-23T23:30:00Z"), [], _ => true, cancelled: cancelled);

        var agenda = CirculationFact.Of(Start(CirculationKind.Agenda, "1")).ShouldNotBeNull();
        agenda.Sent.ShouldBe(new DateOnly(2026, 11, 23)); // 23:30 GMT is still the 23rd in London
        agenda.OnTime.ShouldBeTrue();
        CirculationFact.Of(Start(CirculationKind.Minutes, "1")).ShouldNotBeNull().Kind.ShouldBe(CirculationKind.Minutes);
        CirculationFact.Of(Start(CirculationKind.Agenda, "2")).ShouldBeNull();
        CirculationFact.Of(Start(CirculationKind.Agenda, "1", cancelled: true)).ShouldBeNull();
        CirculationFact.Of(Start(CirculationKind.Outcome, "1")).ShouldBeNull();
    }

    [Fact]
    public void A_release_alert_times_sending_from_the_release_and_acknowledgement_by_the_lead_professional()
    {
        var lead = new ReleaseAlertRecipient("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, "probation", "alex.morgan@justice.gov.uk", "lead-oid");
        var police = new ReleaseAlertRecipient("agency-police", ReleaseAlertRecipientRole.Agency, "police", "iom@met.police.uk", null);
        var alert = ReleaseAlert.Raise("alert-1", "p1", "n1", ReleaseAlertKind.Released, new DateOnly(2026, 11, 3), T("2026-11-03T08:30:00Z"), null,
            T("2026-11-03T09:15:30Z"), [lead, police], Calendar);

        var unacknowledged = ReleaseAlertFact.Of(alert);
        var policeFirst = alert.Acknowledge(new ReleaseAlertAcknowledger("pc", null, "police"), T("2026-11-03T09:30:00Z")).Alert;
        var thenLead = policeFirst.Acknowledge(new ReleaseAlertAcknowledger("lead-oid", null, null), T("2026-11-03T11:15:30Z")).Alert;

        unacknowledged.MinutesToSend.ShouldBe(45);
        unacknowledged.MinutesToAcknowledge.ShouldBeNull();
        ReleaseAlertFact.Of(policeFirst).MinutesToAcknowledge.ShouldBeNull();
        ReleaseAlertFact.Of(thenLead).MinutesToAcknowledge.ShouldBe(120);
        ReleaseAlertFact.Of(thenLead).Raised.ShouldBe(new DateOnly(2026, 11, 3));
    }

    [Fact]
    public void An_action_is_done_on_the_London_date_it_was_completed()
    {
        var action = new PanelAction("act-1", PanelCode.Iom, "iom-2026-11-02", "Call", "owner", new DateOnly(2026, 11, 6), null, PanelActionStatus.Open, T("2026-11-02T12:00:00Z"));

        var open = ActionFact.Of(action);
        var done = ActionFact.Of(action.Complete(T("2026-11-06T23:59:00Z"), "owner", false));

        open.Done.ShouldBeNull();
        open.Overdue(new DateOnly(2026, 11, 7)).ShouldBeTrue();
        done.Done.ShouldBe(new DateOnly(2026, 11, 6));
        done.DoneOnTime.ShouldBeTrue();
        done.Overdue(new DateOnly(2026, 11, 30)).ShouldBeFalse();
    }
}
