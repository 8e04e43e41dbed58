namespace Iom.Application.Agencies;

/// <summary>One agency: its code (the token's <c>agency</c> claim), its display name, and whether it is retired.</summary>
public sealed class AgencyOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>True for an agency that left the partnership: its referrals are still named and counted, its staff cannot refer.</summary>
    public bool Retired { get; set; }
}
