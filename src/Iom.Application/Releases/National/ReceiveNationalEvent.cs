using System.Text.Json;
using System.Text.RegularExpressions;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Domain.Calendar;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.National;

/// <summary>
/// The national door: one HMPPS domain event as published, from the <c>prison-events</c> queue or the signed relay.
/// A release is recorded as a notification (<see cref="RecordReleaseNotification"/>: the same event again is the same
/// notification); a merge is queued for matching; anything else is ignored and its type logged (no personal data).
/// </summary>
public sealed partial class ReceiveNationalEvent(RecordReleaseNotification record, IQueueSender queues, TimeProvider time, ILogger<ReceiveNationalEvent> logger)
{
    /// <summary>Who a notification from the national subscription is recorded as received from.</summary>
    public const string Hmpps = "hmpps";

    /// <exception cref="JsonException">Not JSON (or not UTF-8).</exception>
    /// <exception cref="Errors.ValidationFailedException">A release or merge event without what it must carry.</exception>
    public async Task<NationalEventOutcome> HandleAsync(ReadOnlyMemory<byte> json, string receivedFrom, CancellationToken cancellationToken)
    {
        // JsonDocument checks the structure only; a string with invalid UTF-8 would throw later, when read.
        if (!System.Text.Unicode.Utf8.IsValid(json.Span))
        {
            throw new JsonException("The event is not UTF-8.");
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        switch (NationalEventMapping.EventTypeOf(root))
        {
            case HmppsEventTypes.Released:
                var report = NationalEventMapping.ToReport(root, LondonTime.LondonDate(time.GetUtcNow()));
                var receipt = await record.RecordAsync(report, receivedFrom, cancellationToken).ConfigureAwait(false);
                return new NationalEventOutcome(receipt.Recorded ? NationalEventAction.Recorded : NationalEventAction.AlreadyRecorded, receipt.Id);
            case HmppsEventTypes.Merged:
                // Not a stored change, so sent directly: whoever delivered the event retries it if this fails, and
                // matching takes the same merge twice as once.
                var merge = NationalEventMapping.ToMerge(root);
                await queues.SendAsync(ReleaseQueues.Merges, JsonSerializer.Serialize(merge, DocumentJson.Options), cancellationToken: cancellationToken).ConfigureAwait(false);
                return new NationalEventOutcome(NationalEventAction.MergeQueued);
            case var other:
                LogIgnored(logger, EventTypePattern().IsMatch(other) ? other : "(not an event type name)");
                return new NationalEventOutcome(NationalEventAction.Ignored);
        }
    }

    [GeneratedRegex("^[a-z0-9.-]{1,100}$")]
    private static partial Regex EventTypePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "National event of type {EventType} ignored: the release flow does not act on it")]
    private static partial void LogIgnored(ILogger logger, string eventType);
}
