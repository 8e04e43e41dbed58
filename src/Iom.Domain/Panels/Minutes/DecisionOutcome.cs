using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Minutes;

/// <summary>What the panel decided about one referral or one cohort member.</summary>
public enum DecisionOutcome
{
    [WireName("selected")] Selected,
    [WireName("declined")] Declined,
    [WireName("deferred")] Deferred,
    [WireName("deselected")] Deselected,
}
