using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <summary>
/// "This person is known": one per match key (PNC, CRO, NOMS, CRN, names + date of birth), created only if absent,
/// so the duplicate check is atomic and costs one write per key. Lives in the identities container, partitioned by
/// its own id.
/// </summary>
[DocumentKind("identity-claim")]
public sealed record IdentityClaim(string Key, string PersonId, string ReferralId, DateTimeOffset ClaimedAt);
