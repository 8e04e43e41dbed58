using System.Text.Json;

namespace Iom.LocalHost.Hosting;

/// <summary>
/// The Functions host's queue settings (host.json "extensions:queues"), read from the Functions app's own host.json
/// so the local host delivers with the same dequeue count, back-off and batch size as Azure.
/// </summary>
public sealed class QueueDeliveryOptions
{
    public int BatchSize { get; set; } = 16;

    /// <summary>A new batch is fetched once this few messages are still in flight (host.json default: BatchSize / 2).</summary>
    public int NewBatchThreshold { get; set; } = 8;

    public int MaxDequeueCount { get; set; } = 5;
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a message stays hidden while a function works on it.</summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromMinutes(10);

    public static QueueDeliveryOptions FromHostJson(string path)
    {
        var options = new QueueDeliveryOptions();
        if (!File.Exists(path))
        {
            return options;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("extensions", out var extensions) || !extensions.TryGetProperty("queues", out var queues))
        {
            return options;
        }

        foreach (var property in queues.EnumerateObject())
        {
            switch (property.Name)
            {
                case "batchSize": options.BatchSize = property.Value.GetInt32(); break;
                case "newBatchThreshold": options.NewBatchThreshold = property.Value.GetInt32(); break;
                case "maxDequeueCount": options.MaxDequeueCount = property.Value.GetInt32(); break;
                case "visibilityTimeout": options.VisibilityTimeout = TimeSpan.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture); break;
                case "maxPollingInterval": options.MaxPollingInterval = TimeSpan.Parse(property.Value.GetString()!, System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }

        return options;
    }
}
