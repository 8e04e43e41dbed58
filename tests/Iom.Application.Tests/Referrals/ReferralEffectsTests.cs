using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Referrals;

public sealed class ReferralEffectsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 14, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_submitted_referrals_acknowledgement_becomes_the_one_outbox_entry_the_acknowledgement_queue_is_fed_from()
    {
        var submitted = Submitted();

        var entry = ReferralEffects.OutboxEntries(submitted, "corr-1", Now).ShouldHaveSingleItem();

        entry.Id.ShouldBe("outbox-referral-acknowledgement-r1");
        entry.Queue.ShouldBe(ReferralQueues.Acknowledgements);
        JsonSerializer.Deserialize<ReferralAcknowledgementMessage>(entry.Message, DocumentJson.Options)
            .ShouldBe(new ReferralAcknowledgementMessage("r1", "p1", "corr-1"));
        ReferralEffects.Listing(submitted).ShouldBe(ReferralListings.Of(submitted.Referral));
    }

    [Fact]
    public void A_withdrawal_changes_the_listing_and_sends_nothing()
    {
        var withdrawn = Submitted().Referral.Withdraw(WithdrawalReason.PersonDied, null, Now, "u1");

        ReferralEffects.OutboxEntries(withdrawn, null, Now).ShouldBeEmpty();
        ReferralEffects.Listing(withdrawn)!.Status.ShouldBe(ReferralStatus.Withdrawn);
    }

    [Fact]
    public void A_message_no_queue_carries_yet_is_refused_rather_than_dropped()
    {
        var selected = Submitted().Referral.Select(Now, "coordinator");

        Should.Throw<NotSupportedException>(() => ReferralEffects.OutboxEntries(selected, null, Now));
    }

    private static ReferralChange Submitted() => Referral.Submit(
        "r1", "p1", "IOM-261214-7K3M", ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), new DateOnly(2027, 1, 12),
        new PersonDetails("Sam", "Smith", new DateOnly(1990, 1, 1), "male", null, null, null, null, null, null, null),
        "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
        "police", "user-1", Now, []);
}
