namespace Iom.Domain.Referrals;

/// <summary>Why an ineligible referral is refused; also the last segment of the problem-details type.</summary>
public static class RefusalReasons
{
    public const string MappaManaged = "mappa-managed";
    public const string MaracManaged = "marac-managed";
    public const string NotDyoEligible = "not-dyo-eligible";
}
