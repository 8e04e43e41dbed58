namespace Iom.Application.Referrals.Withdraw;

public sealed record WithdrawReferralRequest
{
    public string? Reason { get; init; }
    public string? Note { get; init; }
}
