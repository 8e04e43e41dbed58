using System.Security.Cryptography;
using System.Text;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Alerts;

/// <summary>Where release alerts, their locators and their escalation due times live.</summary>
public static class ReleaseAlertDocuments
{
    public const string IdPrefix = "alert-";

    /// <summary>The longest alert id accepted (the custody record's ids are <c>alert-{notificationId}[-d{days}]</c>, about 50).</summary>
    public const int MaxIdLength = 100;

    /// <summary>The one partition of escalation due times: each is deleted once handled, so it holds only what is pending.</summary>
    public const string EscalationPartition = "release-alert-escalations";

    /// <summary>The alert, in its person's partition beside their custody record and audit log.</summary>
    public static DocumentKey KeyOf(string personId, string alertId) => new(Containers.People, personId, alertId);

    /// <summary>Finds an alert's person from its id alone (a link, a route), as referral locators do.</summary>
    public static DocumentKey LocatorKeyOf(string alertId) => new(Containers.Identities, "release-alert-" + alertId, "release-alert-" + alertId);

    public static DocumentKey EscalationKeyOf(string alertId) => new(Containers.Operations, EscalationPartition, alertId);

    /// <summary>Whether <paramref name="id"/> has an alert id's shape: <c>alert-</c> then lower-case letters, digits and hyphens.</summary>
    public static bool IsAlertId(string? id) =>
        id is { Length: > 6 and <= MaxIdLength } && id.StartsWith(IdPrefix, StringComparison.Ordinal)
        && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The short reference an e-mail and the API show: <c>RA-</c> and 8 characters of the id's hash, never about the person.</summary>
    public static string ReferenceOf(string alertId) =>
        "RA-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(alertId)))[..8];

    /// <summary>Finds an alert by id alone: the locator gives its person, then one point read.</summary>
    public static async Task<StoredDocument<ReleaseAlert>?> FindAlertAsync(this IDocumentStore documents, string alertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (!IsAlertId(alertId))
        {
            return null;
        }

        var locator = await documents.ReadAsync<ReleaseAlertLocator>(LocatorKeyOf(alertId), cancellationToken);
        return locator is null ? null : await documents.ReadAsync<ReleaseAlert>(KeyOf(locator.Value.PersonId, alertId), cancellationToken);
    }
}
