using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>Where a notification that did not match by itself stands with the co-ordinator.</summary>
public enum ReleaseMatchState
{
    /// <summary>Someone may be the person: a co-ordinator confirms or rejects it. No agency has been told.</summary>
    [WireName("possible")] Possible,

    /// <summary>A co-ordinator confirmed the candidate: the notification is applied to that person's record.</summary>
    [WireName("confirmed")] Confirmed,

    /// <summary>A co-ordinator rejected the candidate: the notification stays unmatched.</summary>
    [WireName("rejected")] Rejected,

    /// <summary>Nobody known, or nobody works with the person known: recorded for the co-ordinator, nobody told.</summary>
    [WireName("unmatched")] Unmatched,
}
