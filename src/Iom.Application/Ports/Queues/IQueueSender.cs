namespace Iom.Application.Ports.Queues;

/// <summary>Sends work to a queue-triggered function. Message bodies are JSON text.</summary>
public interface IQueueSender
{
    /// <param name="initialVisibilityDelay">Hold the message back this long before any consumer sees it.</param>
    Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default);
}
