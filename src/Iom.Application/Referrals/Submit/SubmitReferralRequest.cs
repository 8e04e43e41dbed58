namespace Iom.Application.Referrals.Submit;

/// <summary>
/// A referral as a partner agency sends it (JSON, camelCase; the HTML form maps onto the same shape). Everything is
/// nullable so a missing field is reported as missing rather than failing deserialisation. The referring agency is
/// never taken from here: it comes from the caller's identity.
/// </summary>
public sealed record SubmitReferralRequest
{
    public PersonInput? Person { get; init; }
    public string? ReferralType { get; init; }
    public string? Reason { get; init; }
    public IReadOnlyList<string>? OffenceTypes { get; init; }
    public IReadOnlyList<string>? Drivers { get; init; }
    public string? RiskOfSeriousHarm { get; init; }
    public int? MappaLevel { get; init; }
    public bool? MaracCase { get; init; }
    public int? AssetScore { get; init; }
    public int? OgrsScore { get; init; }
    public bool? Statutory { get; init; }
    public bool? Emergency { get; init; }
    public ReferrerInput? Referrer { get; init; }
}
