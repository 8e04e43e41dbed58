namespace Iom.Application.Ports.Queues;

/// <summary>A message taken off a queue and hidden from other consumers until completed or abandoned.</summary>
/// <param name="DequeueCount">How many times it has been received, this time included (1 on first delivery).</param>
public sealed record ReceivedMessage(string MessageId, string PopReceipt, string Body, long DequeueCount, DateTimeOffset? InsertedOn);
