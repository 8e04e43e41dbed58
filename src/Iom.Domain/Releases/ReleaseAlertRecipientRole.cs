using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>Why a recipient is told of a release alert.</summary>
public enum ReleaseAlertRecipientRole
{
    /// <summary>The cohort member's lead professional: the one whose acknowledgement is escalated when late.</summary>
    [WireName("lead-professional")] LeadProfessional,

    /// <summary>An agency working with the person (an open referral, the cohort membership), at its secure mailbox.</summary>
    [WireName("agency")] Agency,

    /// <summary>The co-ordinator of the person's panel.</summary>
    [WireName("coordinator")] Coordinator,
}
