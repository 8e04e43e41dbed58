using System.Text.Json;
using Iom.Application.Errors;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.National;

/// <summary>
/// Drains one bounded batch from the national events broker queue through the same handler as the storage queue and
/// the relay door (<see cref="ReceiveNationalEvent"/>), settling each message by what happened: handled or ignored →
/// completed; malformed (not JSON, or a release or merge without what it must carry) → dead-lettered with why, never
/// retried; any other failure (the store or a queue unreachable) → abandoned, so it comes back, and after the queue's
/// max delivery count rests in its dead-letter queue. Idempotency is the handler's: the same event again is the same
/// notification, so a message handled but not completed (a lost lock) does no harm when it returns.
/// </summary>
/// <param name="inbox">Absent where no broker queue is configured (the local host): then there is nothing to drain.</param>
public sealed partial class DrainNationalEvents(ReceiveNationalEvent handler, ILogger<DrainNationalEvents> logger, INationalEventInbox? inbox = null)
{
    /// <summary>The dead-letter reason of a message that can never be handled.</summary>
    public const string MalformedReason = "MalformedNationalEvent";

    // Service Bus keeps at most 4096 characters of a dead-letter description.
    private const int MaxDescriptionLength = 1024;

    public async Task<NationalEventDrainReport> DrainAsync(CancellationToken cancellationToken)
    {
        if (inbox is null)
        {
            return new NationalEventDrainReport(0, 0, 0, 0);
        }

        var messages = await inbox.ReceiveAsync(cancellationToken).ConfigureAwait(false);
        int completed = 0, deadLettered = 0, abandoned = 0;
        foreach (var message in messages)
        {
            // Stopping part-way leaves the rest locked; they come back when their locks lapse.
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await handler.HandleAsync(message.Body, ReceiveNationalEvent.Hmpps, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception malformed) when (malformed is JsonException or ValidationFailedException)
            {
                var description = Describe(malformed);
                await message.DeadLetterAsync(MalformedReason, description, cancellationToken).ConfigureAwait(false);
                LogDeadLettered(logger, message.MessageId, description);
                deadLettered++;
                continue;
            }
#pragma warning disable CA1031 // Any other failure may pass: the message is released to be delivered again, not lost.
            catch (Exception failure) when (!(failure is OperationCanceledException && cancellationToken.IsCancellationRequested))
#pragma warning restore CA1031
            {
                LogAbandoned(logger, failure, message.MessageId, message.DeliveryCount);
                await message.AbandonAsync(cancellationToken).ConfigureAwait(false);
                abandoned++;
                continue;
            }

            await message.CompleteAsync(cancellationToken).ConfigureAwait(false);
            completed++;
        }

        var report = new NationalEventDrainReport(messages.Count, completed, deadLettered, abandoned);
        if (report.Received > 0)
        {
            LogDrained(logger, report.Received, report.Completed, report.DeadLettered, report.Abandoned);
        }

        return report;
    }

    /// <summary>Where the event is wrong, by JSON path and the rule it breaks: never a value from it.</summary>
    private static string Describe(Exception malformed)
    {
        var text = malformed switch
        {
            ValidationFailedException invalid => string.Join("; ", invalid.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            JsonException json => $"Not JSON (line {json.LineNumber}, byte {json.BytePositionInLine})",
            _ => malformed.GetType().Name,
        };
        return text.Length <= MaxDescriptionLength ? text : text[..MaxDescriptionLength];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "National event dead-lettered as malformed: message {MessageId}, {Description}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "National event message {MessageId} abandoned after a failure (delivery {DeliveryCount}); it will be delivered again")]
    private static partial void LogAbandoned(ILogger logger, Exception failure, string messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "National events drained: {Received} received, {Completed} completed, {DeadLettered} dead-lettered, {Abandoned} abandoned")]
    private static partial void LogDrained(ILogger logger, int received, int completed, int deadLettered, int abandoned);
}
