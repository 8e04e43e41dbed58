using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <summary>
/// "This person is known": one per match key (PNC, CRO, NOMS, CRN, names + date of birth), created only if absent,
/// so the duplicate check is atomic and costs one write per key. Lives in the identities container, partitioned by
/// its own id.
/// </summary>
/// <param name="Provisional">
/// Set while the claim's referral is not known to be stored: the claim holds a match key (personal data), so one left by
/// a submission that never committed must not outlive it. Confirming the referral (<see cref="IdentityClaims.ConfirmAsync"/>,
/// from its acknowledgement) clears it; a claim never confirmed expires after this long. Absent on older claims, which
/// are permanent.
/// </param>
[DocumentKind("identity-claim")]
public sealed record IdentityClaim(string Key, string PersonId, string ReferralId, DateTimeOffset ClaimedAt, TimeSpan? Provisional = null)
    : IExpiringDocument
{
    [System.Text.Json.Serialization.JsonIgnore]
    public TimeSpan? TimeToLive => Provisional;
}
