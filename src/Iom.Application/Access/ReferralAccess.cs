using Iom.Domain.Referrals;
using Iom.Application.Panels;
using Iom.Application.Referrals;

namespace Iom.Application.Access;

/// <summary>
/// Who reaches a referral: the referring agency (case ownership stays with it), co-ordinators, and members of the
/// panel it is routed to.
/// </summary>
public sealed class ReferralAccess : ObjectRule<Referral>
{
    public ReferralAccess(PanelDirectory panels)
    {
        Allow(Identity.Roles.Referrer, (caller, referral) => caller.Agency is not null && string.Equals(caller.Agency, referral.ReferringAgency, StringComparison.Ordinal));
        AllowEvery(Identity.Roles.Coordinator);
        Allow(Identity.Roles.PanelMember, (caller, referral) => panels.SitsOn(referral.Panel, caller));
    }
}
