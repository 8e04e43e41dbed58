using Iom.Domain.Releases;

namespace Iom.Application.Access;

/// <summary>
/// Who reaches a release alert: co-ordinators every one (they oversee the partnership's alerts); a referrer or panel
/// member only an alert they are a recipient of — by object id, by e-mail for a named recipient without one, or as
/// someone of an agency the alert went to. Anyone else is told it does not exist.
/// </summary>
public sealed class ReleaseAlertAccess : ObjectRule<ReleaseAlert>
{
    public ReleaseAlertAccess()
    {
        AllowEvery(Identity.Roles.Coordinator);
        Allow(Identity.Roles.Referrer, (caller, alert) => alert.IsRecipient(Releases.Alerts.ReleaseAlertReaders.Of(caller)));
        Allow(Identity.Roles.PanelMember, (caller, alert) => alert.IsRecipient(Releases.Alerts.ReleaseAlertReaders.Of(caller)));
    }
}
