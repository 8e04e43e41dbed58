using System.Text;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Panels.Circulations;

/// <summary>
/// The IOM meeting on Tuesday 5 January 2027: its agenda is due 5 working days before, across Christmas, the
/// substitute Boxing Day (Monday 28 December) and New Year's Day, so on Thursday 24 December 2026.
/// </summary>
public sealed class AgendaCirculationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly MeetingDate = new(2027, 1, 5);
    private static readonly MeetingId Meeting = new(PanelCode.Iom, MeetingDate);

    private readonly CirculationKit kit = new(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => kit.Dispose();

    private async Task<string> ArrangeAsync()
    {
        await kit.MeetingAsync(MeetingDate, Ct);
        var referral = await kit.ReferralAsync("Quenby", emergency: false, Ct);
        await kit.MailsQueuedAsync(Ct); // the acknowledgement's mail path is not under test here
        return referral;
    }

    private void At(string instant) => kit.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    private Task<StoredDocument<Circulation>?> AgendaAsync() =>
        kit.Documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(Meeting, CirculationKind.Agenda, "1"), Ct);

    [Fact]
    public async Task The_agenda_goes_out_on_the_fifth_working_day_before_the_meeting_across_the_bank_holidays_and_not_before_six_London_time()
    {
        await ArrangeAsync();

        At("2026-12-23T12:00:00Z");
        (await kit.Agendas().RunAsync(Ct)).Agendas.ShouldBe(0);
        At("2026-12-24T05:59:00Z");
        (await kit.Agendas().RunAsync(Ct)).Agendas.ShouldBe(0);
        (await AgendaAsync()).ShouldBeNull();

        At("2026-12-24T06:10:00Z");
        var report = await kit.Agendas().RunAsync(Ct);

        (report.Agendas, report.Queued, report.Held).ShouldBe((1, 3, 1));
        var agenda = (await AgendaAsync()).ShouldNotBeNull().Value;
        agenda.Due.ShouldBe(new DateOnly(2026, 12, 24));
        agenda.OnTime.ShouldBeTrue();
    }

    [Fact]
    public async Task Every_member_gets_the_pack_link_with_the_invitation_and_the_nominating_officer_is_invited_and_running_twice_sends_nothing_more()
    {
        var referralId = await ArrangeAsync();
        At("2026-12-24T07:00:00Z");

        await kit.Agendas().RunAsync(Ct);
        var mails = await kit.MailsQueuedAsync(Ct);
        var second = await kit.Agendas().RunAsync(Ct);

        (second.Agendas, second.Queued).ShouldBe((0, 0));
        (await kit.MailsQueuedAsync(Ct)).ShouldBeEmpty();
        mails.Select(m => m.To.ShouldHaveSingleItem().Email).ShouldBe(["chair@justice.gov.uk", "di@met.police.uk", "sam.patel@met.police.uk"], ignoreOrder: true);
        mails.Select(m => m.Id).ShouldBeUnique();
        foreach (var member in mails.Where(m => m.Template == MeetingPapers.AgendaTemplate))
        {
            member.Discloses.ShouldBeNull();
            member.Model["link"].ShouldNotBeNull().ShouldStartWith("https://iom.example.gov.uk/api/links?token=");
            var invitation = member.Attachments.ShouldNotBeNull().ShouldHaveSingleItem();
            invitation.ContentType.ShouldBe("text/calendar; method=REQUEST");
            Encoding.UTF8.GetString(Convert.FromBase64String(invitation.Content)).ShouldBe($"iom-2027-01-05@iom-meetings|0|{member.To[0].Email}|2027-01-05");
        }

        mails.Count(m => m.Template == MeetingPapers.AgendaTemplate).ShouldBe(2);
        var officer = mails.Single(m => m.Template == MeetingPapers.InvitationToAttendTemplate);
        officer.Model["reference"].ShouldNotBeNullOrEmpty();
        officer.Discloses.ShouldNotBeNull().PersonIds.ShouldHaveSingleItem();
        officer.Attachments.ShouldNotBeNull().ShouldHaveSingleItem();
        (await AgendaAsync())!.Value.ReferralIds.ShouldBe([referralId]);
    }

    [Fact]
    public async Task A_member_off_the_secure_domain_allow_list_is_held_listed_and_never_sent_to()
    {
        await ArrangeAsync();
        At("2026-12-24T07:00:00Z");

        await kit.Agendas().RunAsync(Ct);

        var mails = await kit.MailsQueuedAsync(Ct);
        mails.ShouldNotContain(m => m.To.Any(t => t.Email == "housing@gmail.com"));
        var view = await kit.Read().HandleAsync(Meeting, CirculationKit.Coordinator(), Ct);
        var circulation = view.Circulations.ShouldHaveSingleItem();
        circulation.Held.ShouldBe(1);
        circulation.Recipients.Single(r => r.Email == "housing@gmail.com").State.ShouldBe("held");
        circulation.Recipients.Where(r => r.Email != "housing@gmail.com").ShouldAllBe(r => r.State == "queued");
        view.AgendaLate.ShouldBeFalse();
    }

    [Fact]
    public async Task An_agenda_missed_while_the_job_was_down_goes_out_on_the_next_working_day_and_is_shown_late()
    {
        await ArrangeAsync();

        At("2026-12-29T08:00:00Z");
        (await kit.Agendas().RunAsync(Ct)).Agendas.ShouldBe(1);

        (await AgendaAsync())!.Value.OnTime.ShouldBeFalse();
        (await kit.Read().HandleAsync(Meeting, CirculationKit.Coordinator(), Ct)).Circulations.ShouldHaveSingleItem().OnTime.ShouldBeFalse();
    }

    [Fact]
    public async Task An_emergency_listed_after_the_agenda_went_out_goes_in_that_day_s_addendum_once()
    {
        await ArrangeAsync();
        At("2026-12-24T07:00:00Z");
        await kit.Agendas().RunAsync(Ct);
        await kit.MailsQueuedAsync(Ct);

        At("2026-12-30T09:00:00Z");
        var emergency = await kit.ReferralAsync("Marsh", emergency: true, Ct);
        await kit.MailsQueuedAsync(Ct);
        At("2026-12-30T10:10:00Z");
        var first = await kit.Agendas().RunAsync(Ct);
        var again = await kit.Agendas().RunAsync(Ct);

        (first.Addenda, again.Addenda).ShouldBe((1, 0));
        var addendum = (await kit.Documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(Meeting, CirculationKind.Addendum, "2026-12-30"), Ct)).ShouldNotBeNull().Value;
        addendum.ReferralIds.ShouldBe([emergency]);
        var mails = await kit.MailsQueuedAsync(Ct);
        mails.Count(m => m.Template == MeetingPapers.AddendumTemplate).ShouldBe(2);
        mails.Count(m => m.Template == MeetingPapers.InvitationToAttendTemplate).ShouldBe(1);

        At("2026-12-31T10:10:00Z");
        (await kit.Agendas().RunAsync(Ct)).Addenda.ShouldBe(0);
    }

    [Fact]
    public async Task A_moved_meeting_sends_everyone_who_had_the_agenda_an_updated_invitation_once_and_a_cancelled_one_a_cancellation()
    {
        await ArrangeAsync();
        At("2026-12-24T07:00:00Z");
        await kit.Agendas().RunAsync(Ct);
        await kit.MailsQueuedAsync(Ct);

        await kit.MeetingChanged().HandleAsync("""{"meetingId":"iom-2027-01-05","sequence":1,"cancelled":false}""", Ct);
        await kit.MeetingChanged().HandleAsync("""{"meetingId":"iom-2027-01-05","sequence":1,"cancelled":false}""", Ct);
        var moved = await kit.MailsQueuedAsync(Ct);
        await kit.MeetingChanged().HandleAsync("""{"meetingId":"iom-2027-01-05","sequence":2,"cancelled":true}""", Ct);
        var cancelled = await kit.MailsQueuedAsync(Ct);

        moved.Count.ShouldBe(3);
        moved.ShouldAllBe(m => m.Template == MeetingPapers.MeetingChangedTemplate && m.Model.GetValueOrDefault("cancelled") == null);
        moved.ShouldAllBe(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Attachments![0].Content)).Contains("|1|", StringComparison.Ordinal));
        cancelled.Count.ShouldBe(3);
        cancelled.ShouldAllBe(m => m.Attachments![0].ContentType == "text/calendar; method=CANCEL" && m.Model["cancelled"] == "cancelled");
    }

    [Fact]
    public async Task A_resend_queues_that_recipient_s_email_again_under_a_new_mail_id_and_refuses_held_and_unknown_addresses()
    {
        await ArrangeAsync();
        At("2026-12-24T07:00:00Z");
        await kit.Agendas().RunAsync(Ct);
        var first = (await kit.MailsQueuedAsync(Ct)).Single(m => m.To[0].Email == "di@met.police.uk");
        var id = Circulation.IdOf(Meeting, CirculationKind.Agenda, "1");

        var resent = await kit.Resend().HandleAsync(id, new ResendCirculationRequest("DI@met.police.uk"), CirculationKit.Coordinator(), Ct);

        resent.Queued.ShouldBe(1);
        var again = (await kit.MailsQueuedAsync(Ct)).ShouldHaveSingleItem();
        again.Id.ShouldNotBe(first.Id);
        (again.Template, again.To[0].Email).ShouldBe((first.Template, "di@met.police.uk"));
        (await AgendaAsync())!.Value.Recipients.Single(r => r.Email == "di@met.police.uk").Resends.ShouldBe(1);
        (await Should.ThrowAsync<Errors.RefusalException>(() => kit.Resend().HandleAsync(id, new ResendCirculationRequest("housing@gmail.com"), CirculationKit.Coordinator(), Ct)))
            .Reason.ShouldBe("recipient-held");
        (await Should.ThrowAsync<Errors.RefusalException>(() => kit.Resend().HandleAsync(id, new ResendCirculationRequest("someone@police.uk"), CirculationKit.Coordinator(), Ct)))
            .Reason.ShouldBe("not-a-recipient");
        (await kit.MailsQueuedAsync(Ct)).ShouldBeEmpty();
    }
}
