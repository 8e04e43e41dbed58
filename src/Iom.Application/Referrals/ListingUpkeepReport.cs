namespace Iom.Application.Referrals;

/// <summary>What one pass of <see cref="ReferralListingUpkeep"/> did.</summary>
public sealed record ListingUpkeepReport(int Checked, int Mended, int OrphansRemoved, int MeetingsMoved, int Relisted = 0);
