using Iom.Application.Cohort;
using Iom.Application.Referrals;

namespace Iom.Application.Panels.Packs;

/// <summary>
/// What a meeting's agenda pack shows: the meeting, the referrals listed for its date, the cohort members due for
/// review by then, the panel's open actions and the previous minutes. Each section is one bounded page; <see cref="More"/> says which ran
/// over, so the page can say the list is not complete rather than hide it.
/// </summary>
/// <param name="PreviousMinutesMeetingId">The panel's latest meeting before this one with final minutes, or null.</param>
public sealed record AgendaPack(
    Meeting Meeting,
    DateOnly Today,
    IReadOnlyList<ReferralListing> Referrals,
    IReadOnlyList<CohortListing> DueForReview,
    IReadOnlyList<AgendaPackAction> Actions,
    IReadOnlyList<string> More,
    string? PreviousMinutesMeetingId);
