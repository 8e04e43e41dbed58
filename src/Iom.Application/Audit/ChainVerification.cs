namespace Iom.Application.Audit;

public sealed record ChainVerification(string PersonId, long Records, bool Intact, long? FirstBrokenSequence, string? Problem) : Api.IApiResponse
{
    /// <summary>
    /// Records from before the chain was keyed: checked by their plain hash only, so alone they are only as strong as
    /// the anchor. They are accepted only as the start of a chain; a keyed record after them seals them too.
    /// </summary>
    public long UnkeyedRecords { get; init; }

    /// <summary>The seal of the last record (its MAC), which an anchor records; null for an empty chain.</summary>
    public string? LastMac { get; init; }
}
