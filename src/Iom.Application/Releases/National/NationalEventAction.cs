using Iom.Domain.Wire;

namespace Iom.Application.Releases.National;

public enum NationalEventAction
{
    /// <summary>A release event, recorded as a notification now.</summary>
    [WireName("recorded")] Recorded,

    /// <summary>A release event recorded before (the same event published or relayed again): no new work.</summary>
    [WireName("already-recorded")] AlreadyRecorded,

    /// <summary>A prison number merge, queued for matching.</summary>
    [WireName("merge-queued")] MergeQueued,

    /// <summary>Another event type: nothing to do.</summary>
    [WireName("ignored")] Ignored,
}
