using Iom.Application.Ports.Documents;

namespace Iom.Application.Throttling;

/// <summary>
/// A fixed-window limit per caller (object id) and bucket (the functions that share a bucket share the count), counted in the document store so every instance of the app shares
/// it (in Azure the app scales out; a limit kept in memory would multiply with the instances). One small document per
/// caller and bucket, updated with its ETag: concurrent requests from one caller serialise, and a caller who keeps
/// losing that race is sending too many at once and is told to wait.
/// </summary>
public sealed class CallerRateLimit(IDocumentStore documents, TimeProvider time)
{
    public const int MaxAttempts = 8;

    public async Task<RateDecision> TryAcquireAsync(string bucket, string callerId, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        var key = KeyOf(bucket, callerId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
            var stored = await documents.ReadAsync<RateWindow>(key, cancellationToken);
            try
            {
                if (stored is null)
                {
                    await documents.CreateAsync(key, new RateWindow(windowStart, 1, window * 2), cancellationToken);
                    return new RateDecision(true, TimeSpan.Zero);
                }

                var current = stored.Value.WindowStart == windowStart ? stored.Value.Count : 0;
                if (current >= permits)
                {
                    return new RateDecision(false, windowStart + window - now);
                }

                await documents.ReplaceAsync(key, new RateWindow(windowStart, current + 1, window * 2), stored.ETag, cancellationToken);
                return new RateDecision(true, TimeSpan.Zero);
            }
            catch (DocumentStoreException exception) when (exception is DocumentConflictException or DocumentPreconditionFailedException or DocumentNotFoundException)
            {
                // Another request from the same caller counted first: count again on top of it.
            }
        }

        return new RateDecision(false, TimeSpan.FromSeconds(1));
    }

    public static DocumentKey KeyOf(string bucket, string callerId) => DocumentKey.Hashed(Containers.Operations, "rate", $"{bucket}\n{callerId}");
}
