using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <summary>Finds a referral's partition (its person) from its id; also reserves references.</summary>
[DocumentKind("referral-locator")]
public sealed record ReferralLocator(string ReferralId, string PersonId, string Reference);
