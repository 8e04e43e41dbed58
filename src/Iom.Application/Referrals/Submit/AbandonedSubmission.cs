using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals.Submit;

/// <summary>
/// Stored at a referral's id in its person's partition when the referral's commit failed in a way that may still let
/// it land later (a Cosmos DB write that timed out on the client can be applied by the service afterwards). It holds
/// the id, so that late commit — which creates the referral at this id — fails as a whole, and undoing the claims,
/// locator and listing is safe. Ids only, no personal data. It expires after <see cref="Lifetime"/>: a late commit
/// lands within the store's request timeout (about a minute), and ids are random, so nothing can reuse it after.
/// </summary>
[DocumentKind("submission-abandoned")]
public sealed record AbandonedSubmission(string ReferralId, DateTimeOffset At) : IExpiringDocument
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? TimeToLive => Lifetime;
}
