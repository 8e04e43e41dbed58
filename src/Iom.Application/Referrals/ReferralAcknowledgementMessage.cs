namespace Iom.Application.Referrals;

public sealed record ReferralAcknowledgementMessage(string ReferralId, string PersonId, string? CorrelationId = null);
