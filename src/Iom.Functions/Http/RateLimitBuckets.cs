namespace Iom.Functions.Http;

/// <summary>The rate-limit buckets: one count per caller per bucket, however many functions share it.</summary>
public static class RateLimitBuckets
{
    public const string ReferralIntake = "referral-intake";
}
