using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>What applying one event did to a custody record.</summary>
public enum CustodyOutcome
{
    /// <summary>The event is the newest that decides custody: the record's state is now what it says.</summary>
    [WireName("applied")] Applied,

    /// <summary>A temporary absence or a court appearance: kept in the history, never acted on.</summary>
    [WireName("recorded-only")] RecordedOnly,

    /// <summary>Older than the event that decided the current state: kept in the history, overriding nothing.</summary>
    [WireName("older")] Older,

    /// <summary>The release the record already holds, reported again (by another door): kept, alerted no second time.</summary>
    [WireName("same-release")] SameRelease,

    /// <summary>This notification has been applied before: nothing changed.</summary>
    [WireName("already-applied")] AlreadyApplied,
}
