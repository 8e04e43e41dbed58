namespace Iom.Application.Referrals;

public static class ReferralQueues
{
    /// <summary>Acknowledgement e-mails to referrers; sent only from the outbox entry committed with the referral.</summary>
    public const string Acknowledgements = "referral-acknowledgements";

    /// <summary>Re-list referrals awaiting a meeting when a panel gains meetings; sent only from the outbox entry committed with them.</summary>
    public const string Relisting = "referral-relisting";
}
