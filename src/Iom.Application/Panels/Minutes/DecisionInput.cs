namespace Iom.Application.Panels.Minutes;

/// <summary>A decision about a listed referral (<c>referralId</c>) or a cohort member (<c>personId</c>, de-selection only).</summary>
public sealed record DecisionInput
{
    public string? ReferralId { get; init; }
    public string? PersonId { get; init; }
    public string? Outcome { get; init; }
    public int? VotesFor { get; init; }
    public int? VotesAgainst { get; init; }
    public string? CastingVote { get; init; }
    public LeadProfessionalInput? LeadProfessional { get; init; }
    public string? Category { get; init; }
    public string? CohortType { get; init; }
    public IReadOnlyList<string>? Strands { get; init; }
    public string? ReasonCode { get; init; }
    public string? Notes { get; init; }
}
