using Iom.Domain.Wire;

namespace Iom.Application.Panels.Circulations;

/// <summary>What a signed link in an e-mail opens.</summary>
public enum LinkTarget
{
    /// <summary>A meeting's agenda pack (the id is the meeting id).</summary>
    [WireName("pack")] Pack,

    /// <summary>A meeting's minutes (the id is the meeting id).</summary>
    [WireName("minutes")] Minutes,

    /// <summary>The panel's decision on one referral, for its referrer (the id is the referral id).</summary>
    [WireName("outcome")] Outcome,

    /// <summary>A release alert, for its recipients (the id is the alert id).</summary>
    [WireName("release-alert")] ReleaseAlert,
}
