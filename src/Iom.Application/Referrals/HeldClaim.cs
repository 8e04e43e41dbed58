using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <param name="Previous">What the claim said before this submission took it over (a closed referral's), if anything.</param>
public sealed record HeldClaim(DocumentKey Key, string ETag, IdentityClaim? Previous);
