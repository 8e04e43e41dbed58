namespace Iom.Application.Referrals;

/// <summary>The claims one submission holds, so they can be released if a later step fails.</summary>
/// <param name="KnownPerson">The person was known from an earlier (closed) referral, whose records this one joins.</param>
public sealed record ClaimSet(string PersonId, string ReferralId, IReadOnlyList<HeldClaim> Held, bool KnownPerson = false);
