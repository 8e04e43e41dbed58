namespace Iom.Domain.Referrals;

/// <summary>
/// Something a change of a referral asks of the world beyond the referral itself. The domain only says what; the
/// application turns each effect into a document write or an outbox entry committed with the change.
/// </summary>
public abstract record ReferralEffect;
