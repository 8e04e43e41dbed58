namespace Iom.Application.Panels.Circulations;

/// <summary>What a verified link token says: what it opens and until when.</summary>
public sealed record SignedLink(LinkTarget Target, string Id, DateTimeOffset Expires)
{
    /// <summary>The page the link leads to, under the app's base address.</summary>
    public string Path => Target switch
    {
        LinkTarget.Pack => $"/api/meetings/{Id}/pack",
        LinkTarget.Minutes => $"/api/meetings/{Id}/minutes",
        LinkTarget.ReleaseAlert => $"/api/release-alerts/{Id}",
        _ => $"/api/referrals/{Id}/confirmation",
    };
}
