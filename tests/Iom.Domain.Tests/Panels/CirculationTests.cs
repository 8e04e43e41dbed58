using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Panels;

public sealed class CirculationTests
{
    private static readonly MeetingId Meeting = new(PanelCode.Iom, new DateOnly(2027, 1, 5));
    private static readonly DateTimeOffset Now = new(2026, 12, 24, 7, 0, 0, TimeSpan.Zero);

    private static Circulation Start(params CirculationAddressee[] to) =>
        Circulation.Start(Meeting, CirculationKind.Agenda, "1", new DateOnly(2026, 12, 24), Now, to, email => !email.EndsWith("@gmail.com", StringComparison.Ordinal));

    [Fact]
    public void Each_address_is_a_recipient_once_and_one_off_the_allow_list_is_held()
    {
        var circulation = Start(
            new("chair@justice.gov.uk", "Chair", RecipientRole.Member),
            new("CHAIR@justice.gov.uk", "Chair again", RecipientRole.Member),
            new("housing@gmail.com", "Housing", RecipientRole.Member));

        circulation.Id.ShouldBe("circulation-iom-2027-01-05-agenda-1");
        circulation.Recipients.Select(r => (r.Email, r.Held)).ShouldBe([("chair@justice.gov.uk", false), ("housing@gmail.com", true)]);
        circulation.Sendable.ShouldHaveSingleItem().Email.ShouldBe("chair@justice.gov.uk");
    }

    [Fact]
    public void Mail_ids_are_the_same_every_time_the_same_circulation_is_started_and_differ_between_recipients()
    {
        var first = Start(new("chair@justice.gov.uk", null, RecipientRole.Member), new("di@met.police.uk", null, RecipientRole.Member));
        var again = Start(new("di@met.police.uk", null, RecipientRole.Member), new("Chair@justice.gov.uk", null, RecipientRole.Member));

        again.Recipients.Select(r => r.MailId).Order().ShouldBe(first.Recipients.Select(r => r.MailId).Order());
        first.Recipients.Select(r => r.MailId).ShouldBeUnique();
        first.Recipients.ShouldAllBe(r => r.MailId.StartsWith(first.Id + "-", StringComparison.Ordinal) && !r.MailId.Contains('@', StringComparison.Ordinal));
    }

    [Fact]
    public void A_resend_gives_a_new_mail_id_each_time_and_refuses_a_held_or_unknown_address()
    {
        var circulation = Start(new("di@met.police.uk", null, RecipientRole.Member), new("housing@gmail.com", null, RecipientRole.Member));

        var once = circulation.Resend("DI@met.police.uk", Now);
        var twice = once.Circulation.Resend("di@met.police.uk", Now.AddHours(1));

        var original = circulation.Recipients[0].MailId;
        once.Resent.ShouldHaveSingleItem().LatestMailId.ShouldBe(original + "-resend-1");
        twice.Resent.ShouldHaveSingleItem().LatestMailId.ShouldBe(original + "-resend-2");
        twice.Circulation.Recipients[0].Resends.ShouldBe(2);
        Should.Throw<CirculationRefusedException>(() => circulation.Resend("housing@gmail.com", Now)).Reason.ShouldBe("recipient-held");
        Should.Throw<CirculationRefusedException>(() => circulation.Resend("nobody@police.uk", Now)).Reason.ShouldBe("not-a-recipient");
    }

    [Fact]
    public void It_is_on_time_when_it_goes_out_on_or_before_its_due_day_in_London()
    {
        Start().OnTime.ShouldBeTrue();
        (Start() with { CreatedAt = new DateTimeOffset(2026, 12, 24, 23, 30, 0, TimeSpan.Zero) }).OnTime.ShouldBeTrue();
        (Start() with { CreatedAt = new DateTimeOffset(2026, 12, 29, 7, 0, 0, TimeSpan.Zero) }).OnTime.ShouldBeFalse();
    }
}
