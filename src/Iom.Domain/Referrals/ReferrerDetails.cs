namespace Iom.Domain.Referrals;

/// <summary>Who referred: where the acknowledgement goes and whom the panel asks.</summary>
public sealed record ReferrerDetails(string Name, string Email, string? Phone);
