using Iom.Application.Identity;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>The caller as a release alert recognises its recipients: object id, sign-in e-mail, agency.</summary>
public static class ReleaseAlertReaders
{
    public static ReleaseAlertAcknowledger Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new ReleaseAlertAcknowledger(caller.UserId, caller.Email, caller.Agency);
    }
}
