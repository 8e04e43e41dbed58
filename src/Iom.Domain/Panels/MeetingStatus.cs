using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

/// <summary>Whether a meeting is still to take place (or took place) or was called off. A moved meeting stays scheduled.</summary>
public enum MeetingStatus
{
    [WireName("scheduled")] Scheduled,
    [WireName("cancelled")] Cancelled,
}
