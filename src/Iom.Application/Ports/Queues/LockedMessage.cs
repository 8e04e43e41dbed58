namespace Iom.Application.Ports.Queues;

/// <summary>
/// A message taken from a broker queue under a lock (Service Bus peek-lock): no other reader gets it until it is settled
/// here, or until its lock lapses and it comes back with its delivery count raised. Settle it once.
/// </summary>
public abstract class LockedMessage
{
    public abstract string MessageId { get; }

    public abstract ReadOnlyMemory<byte> Body { get; }

    /// <summary>How many times it has been delivered, this time included (1 on first delivery).</summary>
    public abstract int DeliveryCount { get; }

    /// <summary>Handled (or deliberately ignored): removed from the queue.</summary>
    public abstract Task CompleteAsync(CancellationToken cancellationToken);

    /// <summary>It can never be handled: moved to the queue's dead-letter queue with why, never delivered again.</summary>
    /// <param name="reason">A short code, e.g. <c>MalformedNationalEvent</c>.</param>
    /// <param name="description">What was wrong, with no personal data.</param>
    public abstract Task DeadLetterAsync(string reason, string description, CancellationToken cancellationToken);

    /// <summary>Not handled this time: released to be delivered again (the queue dead-letters it after its max delivery count).</summary>
    public abstract Task AbandonAsync(CancellationToken cancellationToken);
}
