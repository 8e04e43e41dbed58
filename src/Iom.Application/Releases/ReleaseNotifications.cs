using System.Security.Cryptography;
using System.Text;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;
using Iom.Domain.Wire;

namespace Iom.Application.Releases;

/// <summary>Where notifications live and how a repeat of one is recognised.</summary>
public static class ReleaseNotifications
{
    public const string IdPrefix = "release-";

    /// <summary>
    /// The notification's id, fixed by who sent it and their event id: the same event sent again (by any door of the
    /// same source) is the same document, so recording it twice conflicts and the sender gets the first id back. A hash,
    /// so a sender's id of any shape makes a valid document id and says nothing about the person.
    /// </summary>
    public static string IdFor(ReleaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var identity = $"{WireNames.Of(report.Source)}\n{report.PrisonCode}\n{report.EventId}";
        return IdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];
    }

    /// <summary>A notification is the only document in its partition (with its outbox entry until that is dispatched).</summary>
    public static DocumentKey KeyOf(string notificationId) => new(Containers.Identities, notificationId, notificationId);
}
