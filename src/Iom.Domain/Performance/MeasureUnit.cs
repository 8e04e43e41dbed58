using Iom.Domain.Wire;

namespace Iom.Domain.Performance;

/// <summary>What a measure's values are, so readers know which may be added up (and so which suppression must protect).</summary>
public enum MeasureUnit
{
    /// <summary>A number of people, referrals, alerts or offences: cells add up to the total.</summary>
    [WireName("count")] Count,

    /// <summary>Working days (a median or a 90th percentile).</summary>
    [WireName("working-days")] WorkingDays,

    /// <summary>Hours (time to send, time to acknowledge).</summary>
    [WireName("hours")] Hours,

    /// <summary>A share between 0 and 1 (on time, re-offended).</summary>
    [WireName("share")] Share,

    /// <summary>Events per person (re-offending frequency).</summary>
    [WireName("rate")] Rate,
}
