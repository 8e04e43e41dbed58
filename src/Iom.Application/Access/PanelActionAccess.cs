using Iom.Application.Panels;
using Iom.Domain.Panels;

namespace Iom.Application.Access;

/// <summary>
/// Who reaches a panel action: co-ordinators every one; a panel member their own, and those of the panels they sit on
/// (the minutes that set them went to the whole panel). Completing is narrower still: the action's own rule
/// (<see cref="PanelAction.Complete"/>) lets only the owner or a co-ordinator.
/// </summary>
public sealed class PanelActionAccess : ObjectRule<PanelAction>
{
    public PanelActionAccess(PanelDirectory panels)
    {
        AllowEvery(Identity.Roles.Coordinator);
        Allow(Identity.Roles.PanelMember, (caller, action) => action.IsOwnedBy(caller.UserId) || panels.SitsOn(action.Panel, caller));
    }
}
