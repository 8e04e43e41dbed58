using Iom.Application.Ports.Documents;

namespace Iom.Application.Referrals;

/// <summary>One match key's claim document as read, or null when the key was unclaimed.</summary>
public sealed record ExistingClaim(DocumentKey Key, StoredDocument<IdentityClaim>? Claim);
