using System.Globalization;
using Iom.Domain.Calendar;
using Iom.Domain.Releases;

namespace Iom.Domain.Tests.Releases;

public sealed class ReleaseAlertTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static readonly ReleaseAlertRecipient Lead = new("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, "probation", "alex.morgan@justice.gov.uk", "lead-oid");
    private static readonly ReleaseAlertRecipient Police = new("agency-police", ReleaseAlertRecipientRole.Agency, "police", "iom@met.police.uk", null);
    private static readonly ReleaseAlertRecipient Housing = new("agency-housing", ReleaseAlertRecipientRole.Agency, "housing", "referrer@richmond.gov.uk", null);
    private static readonly ReleaseAlertRecipient Health = new("agency-health", ReleaseAlertRecipientRole.Agency, "health", "liaison@nhs.net", null, ForHealth: true);
    private static readonly ReleaseAlertRecipient Coordinator = new("coordinator", ReleaseAlertRecipientRole.Coordinator, null, "iom.coordinator@richmond.gov.uk", "coordinator-oid");

    private static readonly ReleaseAlertRecipient[] Everyone = [Police, Lead, Housing, Health, Coordinator];

    private static DateTimeOffset T(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static ReleaseAlert Raise(ReleaseAlertKind kind, IReadOnlyList<ReleaseAlertRecipient>? candidates = null, string at = "2026-12-14T09:00:00Z") =>
        ReleaseAlert.Raise("alert-release-1", "person-1", "release-1", kind, new DateOnly(2026, 12, 14), T("2026-12-14T08:30:00Z"),
            kind == ReleaseAlertKind.ExpectedRelease ? 14 : null, T(at), candidates ?? Everyone, Calendar);

    public static TheoryData<ReleaseAlertKind, string[]> WhoIsTold() => new()
    {
        { ReleaseAlertKind.Released, ["lead-professional", "coordinator", "agency-police", "agency-housing"] },
        { ReleaseAlertKind.ReleasedToHospital, ["lead-professional", "coordinator", "agency-police", "agency-housing", "agency-health"] },
        { ReleaseAlertKind.Transferred, ["lead-professional"] },
        { ReleaseAlertKind.ExpectedRelease, ["lead-professional", "coordinator"] },
    };

    [Theory]
    [MemberData(nameof(WhoIsTold))]
    public void Each_kind_tells_its_recipients_and_none_has_acknowledged(ReleaseAlertKind kind, string[] keys)
    {
        var alert = Raise(kind);

        alert.Recipients.Select(r => r.Key).ShouldBe(keys, ignoreOrder: true);
        alert.Recipients.ShouldAllBe(r => !r.IsAcknowledged());
        alert.ForHealth.ShouldBe(kind == ReleaseAlertKind.ReleasedToHospital);
    }

    [Fact]
    public void A_transfer_of_someone_without_a_lead_professional_tells_the_coordinator()
    {
        Raise(ReleaseAlertKind.Transferred, [Police, Coordinator]).Recipients.ShouldHaveSingleItem().Key.ShouldBe("coordinator");
    }

    [Fact]
    public void An_agency_mailbox_that_is_a_named_recipients_address_is_told_once()
    {
        var probation = new ReleaseAlertRecipient("agency-probation", ReleaseAlertRecipientRole.Agency, "probation", "ALEX.MORGAN@justice.gov.uk", null);

        Raise(ReleaseAlertKind.Released, [probation, Lead, Coordinator]).Recipients.Select(r => r.Key).ShouldBe(["lead-professional", "coordinator"]);
    }

    [Theory]
    [InlineData("2026-12-14T09:00:00Z", "2026-12-15T09:00:00Z")] // Monday → Tuesday
    [InlineData("2026-12-18T16:30:00Z", "2026-12-21T16:30:00Z")] // Friday → Monday
    [InlineData("2026-12-19T10:00:00Z", "2026-12-21T10:00:00Z")] // Saturday → Monday
    [InlineData("2026-12-24T11:00:00Z", "2026-12-29T11:00:00Z")] // Christmas Eve → after Christmas Day and Boxing Day (substitute 28th)
    [InlineData("2027-03-26T12:00:00Z", "2027-03-30T11:00:00Z")] // Good Friday → Tuesday, same London time after BST begins
    public void The_lead_professional_is_due_by_the_same_London_time_on_the_next_working_day(string raised, string due)
    {
        Raise(ReleaseAlertKind.Released, at: raised).LeadAcknowledgementDue.ShouldBe(T(due));
    }

    [Theory]
    [InlineData(ReleaseAlertKind.Transferred)]
    [InlineData(ReleaseAlertKind.ExpectedRelease)]
    public void Only_a_release_is_escalated(ReleaseAlertKind kind)
    {
        var alert = Raise(kind);

        alert.LeadAcknowledgementDue.ShouldBeNull();
        alert.IsLeadAcknowledgementOverdue(T("2027-01-30T00:00:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void A_release_without_a_lead_professional_has_nothing_to_escalate()
    {
        Raise(ReleaseAlertKind.Released, [Police, Coordinator]).LeadAcknowledgementDue.ShouldBeNull();
    }

    [Fact]
    public void The_lead_professional_acknowledges_by_object_id_and_only_their_entry_changes()
    {
        var result = Raise(ReleaseAlertKind.Released).Acknowledge(new ReleaseAlertAcknowledger("LEAD-OID", "someone.else@justice.gov.uk", "probation"), T("2026-12-14T10:00:00Z"));

        result.Changed.ShouldBeTrue();
        var lead = result.Alert.LeadProfessional().ShouldNotBeNull();
        (lead.AcknowledgedAt, lead.AcknowledgedBy).ShouldBe((T("2026-12-14T10:00:00Z"), "LEAD-OID"));
        result.Alert.Recipients.Count(r => r.IsAcknowledged()).ShouldBe(1);
        result.Alert.IsLeadAcknowledgementOverdue(T("2026-12-16T00:00:00Z")).ShouldBeFalse();
    }

    [Fact]
    public void Someone_with_the_lead_professionals_email_but_another_object_id_is_not_them()
    {
        Should.Throw<ReleaseAlertRefusedException>(() => Raise(ReleaseAlertKind.Transferred)
            .Acknowledge(new ReleaseAlertAcknowledger("impostor-oid", "alex.morgan@justice.gov.uk", null), T("2026-12-14T10:00:00Z")))
            .Reason.ShouldBe(ReleaseAlertRefusedException.NotARecipient);
    }

    [Fact]
    public void A_named_recipient_without_an_object_id_is_recognised_by_email()
    {
        var noOid = Lead with { ObjectId = null };

        Raise(ReleaseAlertKind.Released, [noOid, Coordinator]).Acknowledge(new ReleaseAlertAcknowledger("any-oid", "Alex.Morgan@justice.gov.uk", null), T("2026-12-14T10:00:00Z"))
            .Alert.LeadProfessional()!.IsAcknowledged().ShouldBeTrue();
    }

    [Fact]
    public void Anyone_of_an_agency_acknowledges_for_the_agency()
    {
        var result = Raise(ReleaseAlertKind.Released).Acknowledge(new ReleaseAlertAcknowledger("pc-oid", "pc@met.police.uk", "POLICE"), T("2026-12-14T10:00:00Z"));

        result.Alert.Recipients.Single(r => r.IsAcknowledged()).Key.ShouldBe("agency-police");
    }

    [Fact]
    public void Acknowledging_again_changes_nothing_and_keeps_the_first_time()
    {
        var who = new ReleaseAlertAcknowledger("lead-oid", null, null);
        var first = Raise(ReleaseAlertKind.Released).Acknowledge(who, T("2026-12-14T10:00:00Z")).Alert;

        var again = first.Acknowledge(who, T("2026-12-14T11:00:00Z"));

        again.Changed.ShouldBeFalse();
        again.Alert.ShouldBeSameAs(first);
        again.Alert.LeadProfessional()!.AcknowledgedAt.ShouldBe(T("2026-12-14T10:00:00Z"));
    }

    [Fact]
    public void Someone_who_is_not_a_recipient_is_refused_by_name()
    {
        Should.Throw<ReleaseAlertRefusedException>(() => Raise(ReleaseAlertKind.Released).Acknowledge(new ReleaseAlertAcknowledger("x-oid", "x@yot.gov.uk", "yot"), T("2026-12-14T10:00:00Z")))
            .Reason.ShouldBe(ReleaseAlertRefusedException.NotARecipient);
    }

    [Fact]
    public void An_unacknowledged_release_is_overdue_from_its_due_time_and_escalates_once()
    {
        var alert = Raise(ReleaseAlertKind.Released);

        alert.IsLeadAcknowledgementOverdue(T("2026-12-15T08:59:59Z")).ShouldBeFalse();
        alert.IsLeadAcknowledgementOverdue(T("2026-12-15T09:00:00Z")).ShouldBeTrue();
        Should.Throw<ReleaseAlertRefusedException>(() => alert.Escalate(T("2026-12-15T08:00:00Z"))).Reason.ShouldBe(ReleaseAlertRefusedException.NothingToEscalate);
        var escalated = alert.Escalate(T("2026-12-15T09:05:00Z"));
        escalated.EscalatedAt.ShouldBe(T("2026-12-15T09:05:00Z"));
        escalated.IsLeadAcknowledgementOverdue(T("2026-12-16T09:00:00Z")).ShouldBeFalse();
        Should.Throw<ReleaseAlertRefusedException>(() => escalated.Escalate(T("2026-12-16T09:00:00Z"))).Reason.ShouldBe(ReleaseAlertRefusedException.AlreadyEscalated);
    }

    [Fact]
    public void Another_recipients_acknowledgement_does_not_stop_the_escalation()
    {
        var alert = Raise(ReleaseAlertKind.Released).Acknowledge(new ReleaseAlertAcknowledger("coordinator-oid", null, null), T("2026-12-14T10:00:00Z")).Alert;

        alert.IsLeadAcknowledgementOverdue(T("2026-12-15T09:00:00Z")).ShouldBeTrue();
    }

    [Fact]
    public void A_lead_professional_who_acknowledges_in_time_is_not_escalated()
    {
        var alert = Raise(ReleaseAlertKind.ReleasedToHospital).Acknowledge(new ReleaseAlertAcknowledger("lead-oid", null, null), T("2026-12-15T08:59:00Z")).Alert;

        Should.Throw<ReleaseAlertRefusedException>(() => alert.Escalate(T("2026-12-15T09:00:00Z"))).Reason.ShouldBe(ReleaseAlertRefusedException.NothingToEscalate);
    }
}
