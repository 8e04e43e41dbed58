using Iom.Domain.Mail;

namespace Iom.Domain.Tests.Mail;

public sealed class RecipientDeliveryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);

    private static DeliveryEvent Event(string id, DeliveryStatus status, int seconds) => new(id, status, T0.AddSeconds(seconds));

    private static RecipientDelivery After(params DeliveryEvent[] events)
    {
        var delivery = RecipientDelivery.Start("mail-1", "sam@met.police.uk", events[0], T0).Delivery;
        foreach (var next in events.Skip(1))
        {
            delivery = delivery.Apply(next, T0).Delivery;
        }

        return delivery;
    }

    [Fact]
    public void The_event_with_the_latest_time_wins_whatever_order_they_arrive_in()
    {
        After(Event("a", DeliveryStatus.Processed, 0), Event("b", DeliveryStatus.Deferred, 10)).Status.ShouldBe(DeliveryStatus.Deferred);
        After(Event("b", DeliveryStatus.Deferred, 10), Event("a", DeliveryStatus.Processed, 0)).Status.ShouldBe(DeliveryStatus.Deferred);
        After(Event("c", DeliveryStatus.Bounced, 30), Event("a", DeliveryStatus.Processed, 0), Event("b", DeliveryStatus.Deferred, 10)).Status.ShouldBe(DeliveryStatus.Bounced);
    }

    [Fact]
    public void A_delivered_message_is_never_taken_back_to_deferred_or_processed_by_a_later_event()
    {
        var delivered = After(Event("d", DeliveryStatus.Delivered, 20), Event("e", DeliveryStatus.Deferred, 40), Event("f", DeliveryStatus.Processed, 50));

        delivered.Status.ShouldBe(DeliveryStatus.Delivered);
        delivered.At.ShouldBe(T0.AddSeconds(20));
        delivered.EventIds.ShouldBe(["d", "e", "f"]);
    }

    [Fact]
    public void Events_in_the_same_second_end_at_the_furthest_state()
    {
        After(Event("d", DeliveryStatus.Delivered, 5), Event("p", DeliveryStatus.Processed, 5)).Status.ShouldBe(DeliveryStatus.Delivered);
        After(Event("p", DeliveryStatus.Processed, 5), Event("x", DeliveryStatus.Dropped, 5)).Status.ShouldBe(DeliveryStatus.Dropped);
    }

    [Fact]
    public void An_event_applied_before_changes_nothing()
    {
        var once = After(Event("a", DeliveryStatus.Processed, 0), Event("b", DeliveryStatus.Delivered, 10));

        var again = once.Apply(Event("b", DeliveryStatus.Delivered, 10), T0.AddHours(1));

        again.Changed.ShouldBeFalse();
        again.FailureToReport.ShouldBeFalse();
        again.Delivery.ShouldBeSameAs(once);
    }

    [Fact]
    public void Only_the_first_bounce_or_drop_for_a_recipient_is_to_be_reported()
    {
        var first = RecipientDelivery.Start("mail-1", "sam@met.police.uk", Event("a", DeliveryStatus.Bounced, 0), T0);
        var second = first.Delivery.Apply(Event("b", DeliveryStatus.Bounced, 60), T0.AddMinutes(1));
        var third = second.Delivery.Apply(Event("c", DeliveryStatus.Dropped, 120), T0.AddMinutes(2));

        first.FailureToReport.ShouldBeTrue();
        second.FailureToReport.ShouldBeFalse();
        third.FailureToReport.ShouldBeFalse();
        third.Delivery.FirstFailureAt.ShouldBe(T0);
        third.Delivery.Status.ShouldBe(DeliveryStatus.Dropped);
    }

    [Fact]
    public void Processed_deferred_and_delivered_are_not_failures_to_report()
    {
        var change = RecipientDelivery.Start("mail-1", "sam@met.police.uk", Event("a", DeliveryStatus.Processed, 0), T0);
        foreach (var (id, status) in new[] { ("b", DeliveryStatus.Deferred), ("c", DeliveryStatus.Delivered) })
        {
            change = change.Delivery.Apply(Event(id, status, 10), T0);
            change.FailureToReport.ShouldBeFalse();
        }

        change.Delivery.FirstFailureAt.ShouldBeNull();
    }

    [Fact]
    public void The_event_ids_kept_are_bounded_and_the_newest_stay()
    {
        var delivery = After([.. Enumerable.Range(0, RecipientDelivery.EventsKept + 10).Select(i => Event($"e{i}", DeliveryStatus.Deferred, i))]);

        delivery.EventIds.Count.ShouldBe(RecipientDelivery.EventsKept);
        delivery.EventIds[^1].ShouldBe($"e{RecipientDelivery.EventsKept + 9}");
    }
}
