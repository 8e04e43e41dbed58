using System.Text.Json.Serialization;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// A document that expires: each write of it sets its time to live from that moment, and once it has passed the
/// document is never read again (Cosmos DB's per-item <c>ttl</c>; SQLite's <c>expires_at</c>, swept later).
/// </summary>
public interface IExpiringDocument
{
    /// <summary>Null: this one does not expire (say, an outbox entry not dispatched yet).</summary>
    [JsonIgnore]
    TimeSpan? TimeToLive { get; }
}
