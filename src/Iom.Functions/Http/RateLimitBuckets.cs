namespace Iom.Functions.Http;

/// <summary>The rate-limit buckets: one count per caller per bucket, however many functions share it.</summary>
public static class RateLimitBuckets
{
    public const string ReferralIntake = "referral-intake";

    /// <summary>The prison link's release form: people typing, so a flood from one account is refused like the referral form's.</summary>
    public const string PrisonReleaseForm = "prison-release-form";
}
