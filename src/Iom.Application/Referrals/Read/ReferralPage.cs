namespace Iom.Application.Referrals.Read;

public sealed record ReferralPage(IReadOnlyList<ReferralListing> Items, string? Continuation);
