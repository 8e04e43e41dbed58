using System.Text.Json;
using Iom.Application.Panels.Circulations;
using Iom.Application.Panels.Minutes;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Panels.Circulations;

public sealed class MinutesCirculationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly MeetingDate = new(2027, 1, 5);
    private static readonly MeetingId Meeting = new(PanelCode.Iom, MeetingDate);

    private readonly CirculationKit kit = new(new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => kit.Dispose();

    private void At(string instant) => kit.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    private static string Finalised(params ReferralOutcomeNotice[] outcomes) => JsonSerializer.Serialize(new MinutesFinalised(
        Meeting.ToString(), 1, new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.Zero),
        [
            new MinutesRecipient("Chair", "chair@justice.gov.uk", "oid-chair"),
            new MinutesRecipient("Delegate", "delegate@nhs.net", null),
            new MinutesRecipient("Housing", "housing@gmail.com", "oid-housing"),
        ],
        outcomes,
        ["person-a", "person-b"]), DocumentJson.Options);

    [Fact]
    public async Task Finalised_minutes_go_to_every_member_and_attendee_as_a_disclosure_about_everyone_in_them_and_each_referrer_gets_their_outcome_once()
    {
        await kit.MeetingAsync(MeetingDate, Ct);
        await kit.MailsQueuedAsync(Ct);
        At("2027-01-07T10:00:00Z");
        var message = Finalised(
            new ReferralOutcomeNotice("ref-a", "IOM-270105-AAAA", "person-a", "selected", "S1", "sam.patel@met.police.uk"),
            new ReferralOutcomeNotice("ref-b", "IOM-270105-BBBB", "person-b", "declined", "D3", "sam.patel@met.police.uk"));

        await kit.Minutes().HandleAsync(message, Ct);
        await kit.Minutes().HandleAsync(message, Ct);

        var mails = await kit.MailsQueuedAsync(Ct);
        var minutes = mails.Where(m => m.Template == MeetingPapers.MinutesTemplate).ToList();
        minutes.Select(m => m.To[0].Email).ShouldBe(["chair@justice.gov.uk", "delegate@nhs.net"], ignoreOrder: true);
        minutes.ShouldAllBe(m => m.Discloses!.PersonIds.SequenceEqual(new[] { "person-a", "person-b" }));
        var outcomes = mails.Where(m => m.Template == MeetingPapers.OutcomeTemplate).ToList();
        outcomes.Select(m => (m.Model["reference"], m.Model["outcome"], m.Model["reasonCode"], m.Discloses!.PersonIds.Single()))
            .ShouldBe([("IOM-270105-AAAA", "selected", "S1", "person-a"), ("IOM-270105-BBBB", "declined", "D3", "person-b")], ignoreOrder: true);
        mails.Count.ShouldBe(4);

        var view = await kit.Read().HandleAsync(Meeting, CirculationKit.Coordinator(), Ct);
        view.Circulations.Select(c => c.Kind).ShouldBe(["minutes", "outcome"], ignoreOrder: true);
        view.Circulations.Single(c => c.Kind == "minutes").Recipients.Single(r => r.Email == "housing@gmail.com").State.ShouldBe("held");
        view.MinutesDue.ShouldBe(new DateOnly(2027, 1, 12));
        view.MinutesLate.ShouldBeFalse();
    }

    [Fact]
    public async Task Minutes_not_circulated_by_their_due_date_remind_the_coordinator_once_each_working_day_until_they_are()
    {
        await kit.MeetingAsync(MeetingDate, Ct);
        await kit.MailsQueuedAsync(Ct);

        At("2027-01-12T09:00:00Z"); // the due date itself: not yet overdue
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(0);
        At("2027-01-13T09:00:00Z");
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(1);
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(0);
        var reminder = (await kit.MailsQueuedAsync(Ct)).ShouldHaveSingleItem();
        (reminder.Template, reminder.To[0].Email).ShouldBe((MeetingPapers.MinutesOverdueTemplate, "iom.coordinator@richmond.gov.uk"));
        (await kit.Read().HandleAsync(Meeting, CirculationKit.Coordinator(), Ct)).MinutesLate.ShouldBeTrue();

        At("2027-01-16T09:00:00Z"); // a Saturday
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(0);
        At("2027-01-18T09:00:00Z");
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(1);
        await kit.MailsQueuedAsync(Ct);

        await kit.Minutes().HandleAsync(Finalised(), Ct);
        At("2027-01-19T09:00:00Z");
        (await kit.Overdue().RunAsync(Ct)).ShouldBe(0);
    }
}
