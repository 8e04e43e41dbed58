using System.Text.Json.Serialization;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// That today's overdue-minutes reminder for a meeting was committed: written with its mail request, so a second run
/// the same day conflicts and queues nothing (the outbox entry itself is gone once dispatched). Kept a week.
/// </summary>
[DocumentKind("minutes-reminder")]
public sealed record MinutesReminderSent(string MeetingId, DateOnly Day) : IExpiringDocument
{
    [JsonIgnore]
    public TimeSpan? TimeToLive => TimeSpan.FromDays(7);
}
