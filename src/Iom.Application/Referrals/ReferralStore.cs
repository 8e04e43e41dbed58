using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public static class ReferralStore
{
    public static DocumentKey KeyOf(string personId, string referralId) => new(Containers.People, personId, referralId);

    public static DocumentKey LocatorKeyOf(string referralId) => new(Containers.Identities, $"referral-{referralId}", $"referral-{referralId}");

    /// <summary>Finds a referral by id alone: the locator gives its person, then one point read.</summary>
    public static async Task<StoredDocument<Referral>?> FindAsync(this IDocumentStore documents, string referralId, CancellationToken cancellationToken)
    {
        var locator = await documents.ReadAsync<ReferralLocator>(LocatorKeyOf(referralId), cancellationToken);
        return locator is null ? null : await documents.ReadAsync<Referral>(KeyOf(locator.Value.PersonId, referralId), cancellationToken);
    }
}
