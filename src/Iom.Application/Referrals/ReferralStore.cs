using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public static class ReferralQueues
{
    /// <summary>Acknowledgement e-mails to referrers; sent only from the outbox entry committed with the referral.</summary>
    public const string Acknowledgements = "referral-acknowledgements";

    /// <summary>Re-list referrals awaiting a meeting when a panel gains meetings; sent only from the outbox entry committed with them.</summary>
    public const string Relisting = "referral-relisting";
}

public sealed record ReferralAcknowledgementMessage(string ReferralId, string PersonId, string? CorrelationId = null);

public sealed record RelistPanelMessage(PanelCode Panel)
{
    /// <summary>The request that added the meetings, so the listings it causes are tied to it in the audit log.</summary>
    public string? CorrelationId { get; init; }
}

public static class ReferralListings
{
    public static DocumentKey KeyOf(Referral referral) => KeyOf(referral.Panel, referral.Id);

    public static DocumentKey KeyOf(PanelCode panel, string referralId) =>
        new(Containers.Panels, Panels.PanelDirectory.Code(panel), $"listing-{referralId}");

    public static ReferralListing Of(Referral r) =>
        new(r.Id, r.PersonId, r.Reference, r.Panel, r.Status, r.MeetingDate, r.Emergency, r.ReferringAgency, r.SubmittedAt);
}

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
