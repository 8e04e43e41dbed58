using Iom.Application.Ports.Documents;

namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Told to the rollup state in the same commit that erases a referral (retention): deletions are not in the change
/// feed, so this document is how the nightly run learns that the referral's fact must leave the accumulators.
/// </summary>
[DocumentKind("referral-erased")]
public sealed record ReferralErased(string PersonId, string ReferralId, DateTimeOffset ErasedAt)
{
    public static string IdOf(string referralId) => "erased-" + referralId;
}
