using Iom.Domain.Cohort;

namespace Iom.Domain.Panels.Minutes;

/// <summary>
/// One decision in the minutes: about a listed referral (selected, declined, deferred) or a cohort member
/// (de-selected, no referral). <see cref="PersonId"/> is always filled: for a referral it is the referral's person.
/// </summary>
/// <param name="VotesFor">Votes cast for the outcome.</param>
/// <param name="VotesAgainst">Votes cast against it.</param>
/// <param name="CastingVote">The acting chair's casting vote on a tie, or the ASB chair's final say where partners disagree.</param>
public sealed record MinutesDecision(
    string? ReferralId,
    string PersonId,
    DecisionOutcome Outcome,
    int VotesFor,
    int VotesAgainst,
    CastingVote? CastingVote,
    LeadProfessional? LeadProfessional,
    CohortCategory? Category,
    CohortType? CohortType,
    IReadOnlyList<string> Strands,
    string ReasonCode,
    string? Notes);
