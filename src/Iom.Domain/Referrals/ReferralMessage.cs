using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>The messages a referral's changes give rise to.</summary>
public enum ReferralMessage
{
    /// <summary>To the referrer: the referral was received (and, for an emergency, to the panel's co-ordinator).</summary>
    [WireName("acknowledgement")] Acknowledgement,

    /// <summary>To the referrer: the panel selected, declined or deferred the referral (the minutes' response form).</summary>
    [WireName("panel-decision")] PanelDecision,
}
