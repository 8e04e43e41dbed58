using Iom.Domain.Referrals;

namespace Iom.Domain.Cohort;

/// <summary>
/// One spell in the cohort: from the day a panel selected the person to the day one de-selected them (inclusive),
/// open while <see cref="To"/> is null.
/// </summary>
/// <param name="SelectedAt">The id of the meeting whose minutes selected the person.</param>
/// <param name="DeselectedAt">The id of the meeting whose minutes de-selected them, once they have been.</param>
/// <param name="EndReason">The reason code given at de-selection.</param>
public sealed record CohortPeriod(
    DateOnly From,
    DateOnly? To,
    PanelCode Panel,
    CohortCategory Category,
    CohortType CohortType,
    IReadOnlyList<string> Strands,
    LeadProfessional LeadProfessional,
    string SelectedAt,
    string? DeselectedAt = null,
    string? EndReason = null)
{
    public bool Covers(DateOnly day) => From <= day && (To is null || day <= To);
}
