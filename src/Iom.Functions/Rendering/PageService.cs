namespace Iom.Functions.Rendering;

/// <summary>The service a page belongs to, as its header and title name it: its name and its start page.</summary>
public sealed record PageService(string Name, string Href)
{
    /// <summary>The referral service: the pages that belong to no other (the referral form, messages, the agenda pack).</summary>
    public static PageService Referrals { get; } = new("Refer to Integrated Offender Management", "/api/referrals/new");
}
