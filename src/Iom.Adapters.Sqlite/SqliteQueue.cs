using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Iom.Application.Ports.Queues;

namespace Iom.Adapters.Sqlite;

/// <summary>
/// The embedded queue for local runs, in the same file as the documents. Mirrors Azure Storage queue semantics:
/// a received message is hidden until its visibility timeout passes and carries a pop receipt; only the latest
/// receipt can complete or abandon it. Time comes from <see cref="TimeProvider"/> so tests can drive it.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue.")]
public sealed class SqliteQueue(SqliteDatabase database, TimeProvider timeProvider) : IQueueSender, IQueueReceiver
{
    /// <summary>The most messages one receive returns, as in Azure Storage.</summary>
    public const int MaxMessagesPerReceive = 32;

    public async Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        ArgumentNullException.ThrowIfNull(message);
        var delay = initialVisibilityDelay ?? TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(initialVisibilityDelay));

        var now = timeProvider.GetUtcNow();
        await ExecuteAsync(
            "INSERT INTO queue_messages (queue, id, body, inserted_at, visible_at) VALUES ($queue, $id, $body, $now, $visibleAt)",
            cancellationToken,
            ("$queue", queueName), ("$id", Guid.NewGuid().ToString()), ("$body", message),
            ("$now", now.ToUnixTimeMilliseconds()), ("$visibleAt", (now + delay).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(string queueName, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);

        var now = timeProvider.GetUtcNow();
        return await database.WriteAsync(async (connection, token) =>
        {
            // One statement claims the due messages, so two receivers can never take the same one.
            var command = connection.Command(
                """
                UPDATE queue_messages
                SET dequeue_count = dequeue_count + 1, pop_receipt = lower(hex(randomblob(16))), visible_at = $hiddenUntil
                WHERE seq IN (SELECT seq FROM queue_messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, seq LIMIT $max)
                RETURNING seq, id, pop_receipt, body, dequeue_count, inserted_at
                """,
                ("$queue", queueName), ("$now", now.ToUnixTimeMilliseconds()),
                ("$hiddenUntil", (now + visibilityTimeout).ToUnixTimeMilliseconds()), ("$max", maxMessages));
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    var received = new List<(long Seq, ReceivedMessage Message)>();
                    while (await reader.ReadAsync(token).ConfigureAwait(false))
                    {
                        received.Add((reader.GetInt64(0), new ReceivedMessage(
                            reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
                            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)))));
                    }

                    // RETURNING gives no order; hand them out oldest first.
                    return (IReadOnlyList<ReceivedMessage>)[.. received.OrderBy(r => r.Seq).Select(r => r.Message)];
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task CompleteAsync(string queueName, ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deleted = await ExecuteAsync(
            "DELETE FROM queue_messages WHERE queue = $queue AND id = $id AND pop_receipt = $popReceipt",
            cancellationToken,
            ("$queue", queueName), ("$id", message.MessageId), ("$popReceipt", message.PopReceipt)).ConfigureAwait(false);
        ThrowIfLost(deleted, queueName, message);
    }

    public async Task AbandonAsync(string queueName, ReceivedMessage message, TimeSpan visibilityDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityDelay, TimeSpan.Zero);
        // Clearing the receipt makes the abandoning consumer's receipt useless, as an Azure update does.
        var updated = await ExecuteAsync(
            "UPDATE queue_messages SET visible_at = $visibleAt, pop_receipt = NULL WHERE queue = $queue AND id = $id AND pop_receipt = $popReceipt",
            cancellationToken,
            ("$queue", queueName), ("$id", message.MessageId), ("$popReceipt", message.PopReceipt),
            ("$visibleAt", (timeProvider.GetUtcNow() + visibilityDelay).ToUnixTimeMilliseconds())).ConfigureAwait(false);
        ThrowIfLost(updated, queueName, message);
    }

    private static void ThrowIfLost(int changed, string queueName, ReceivedMessage message)
    {
        if (changed == 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Message {message.MessageId} on queue '{queueName}' is gone or was received again since; its pop receipt is no longer valid."));
        }
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        return await database.WriteAsync(async (connection, token) =>
        {
            var command = connection.Command(sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }
}
