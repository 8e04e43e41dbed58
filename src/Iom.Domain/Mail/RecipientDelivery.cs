namespace Iom.Domain.Mail;

/// <summary>
/// The latest delivery state of one e-mail to one recipient, as the provider reported it. Events arrive late, twice
/// and out of order, so applying one is idempotent by its id, the state with the latest event time wins (on a tie the
/// further one: processed, deferred, delivered, then a failure), and a delivered message never goes back to processed
/// or deferred (a late "deferred" from an earlier attempt does not undo a delivery). A bounce or drop is to be reported
/// once per recipient, however many such events arrive.
/// </summary>
/// <param name="MailId">The e-mail's idempotency key (its <c>MailRequest</c> id).</param>
/// <param name="Email">The recipient: a staff address (only secure domains are sent to), never written to logs.</param>
/// <param name="EventIds">The ids of the latest events applied (at most <see cref="EventsKept"/>), so a redelivered one changes nothing.</param>
/// <param name="FirstFailureAt">When the first bounce or drop for this recipient was recorded (and its alert raised); null until then.</param>
public sealed record RecipientDelivery(
    string MailId, string Email, DeliveryStatus Status, DateTimeOffset At, IReadOnlyList<string> EventIds, DateTimeOffset? FirstFailureAt = null)
{
    /// <summary>
    /// A recipient sees a handful of events (processed, a few deferrals, then delivered or a failure); deferrals repeat
    /// for up to 72 hours, so the list is bounded and the oldest ids fall off. An id that old is not redelivered.
    /// </summary>
    public const int EventsKept = 50;

    /// <summary>The first event heard for this recipient.</summary>
    public static RecipientDeliveryChange Start(string mailId, string email, DeliveryEvent first, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(first);
        var delivery = new RecipientDelivery(mailId, email, first.Status, first.At, [first.EventId], first.IsFailure ? now : null);
        return new RecipientDeliveryChange(delivery, true, first.IsFailure);
    }

    /// <param name="now">When the event is applied: the time a failure is recorded as reported.</param>
    public RecipientDeliveryChange Apply(DeliveryEvent next, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (EventIds.Contains(next.EventId, StringComparer.Ordinal))
        {
            return new RecipientDeliveryChange(this, false, false);
        }

        var report = next.IsFailure && FirstFailureAt is null;
        var seen = EventIds.Append(next.EventId).TakeLast(EventsKept).ToList();
        var changed = this with { EventIds = seen, FirstFailureAt = report ? now : FirstFailureAt };
        if (Supersedes(next))
        {
            changed = changed with { Status = next.Status, At = next.At };
        }

        return new RecipientDeliveryChange(changed, true, report);
    }

    private bool Supersedes(DeliveryEvent next)
    {
        if (Status == DeliveryStatus.Delivered && next.Status is DeliveryStatus.Processed or DeliveryStatus.Deferred)
        {
            return false;
        }

        return next.At > At || (next.At == At && Rank(next.Status) > Rank(Status));
    }

    private static int Rank(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Processed => 0,
        DeliveryStatus.Deferred => 1,
        DeliveryStatus.Delivered => 2,
        _ => 3,
    };
}
