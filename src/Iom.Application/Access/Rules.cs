using Iom.Application.Panels;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;

namespace Iom.Application.Access;

/// <summary>A person, named by their internal id: what the audit log and subject export are about.</summary>
public readonly record struct PersonRef(string Id);

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

/// <summary>Co-ordinators run every panel; a panel member reaches only the panels they sit on.</summary>
public sealed class PanelAccess : ObjectRule<PanelCode>
{
    public PanelAccess(PanelDirectory panels)
    {
        AllowEvery(Identity.Roles.Coordinator);
        Allow(Identity.Roles.PanelMember, (caller, panel) => panels.SitsOn(panel, caller));
    }
}

/// <summary>Auditors reach every person's audit log and records: that is their job under the DPA.</summary>
public sealed class PersonAccess : ObjectRule<PersonRef>
{
    public PersonAccess() => AllowEvery(Identity.Roles.Auditor);
}

/// <summary>The object rules, for registration and for the tests that check every endpoint declares one.</summary>
public static class ObjectRules
{
    public static IReadOnlyList<Type> All { get; } = [typeof(ReferralAccess), typeof(PanelAccess), typeof(PersonAccess)];
}
