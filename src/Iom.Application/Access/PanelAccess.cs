using Iom.Application.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Access;

/// <summary>Co-ordinators run every panel; a panel member reaches only the panels they sit on.</summary>
public sealed class PanelAccess : ObjectRule<PanelCode>
{
    public PanelAccess(PanelDirectory panels)
    {
        AllowEvery(Identity.Roles.Coordinator);
        Allow(Identity.Roles.PanelMember, (caller, panel) => panels.SitsOn(panel, caller));
    }
}
