using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>What to do with a scheduled reminder when its day comes (<see cref="CustodyRecord.Remind"/>).</summary>
public enum ReminderDecision
{
    /// <summary>Raise it now: the release is still expected on that date and this reminder has not gone.</summary>
    [WireName("send")] Send,

    /// <summary>Its day has not come yet: keep it.</summary>
    [WireName("not-yet")] NotYet,

    /// <summary>
    /// Never raise it: the date moved, a transfer or a release stopped it, it went already, the date has passed, or a
    /// nearer reminder is due as well (only the nearest of those goes).
    /// </summary>
    [WireName("drop")] Drop,
}
