using Iom.Application.Api;
using Iom.Domain.Cohort;

namespace Iom.Application.Cohort.Lookup;

/// <summary>
/// All a prosecutor learns: whether the person was in the IOM cohort on the day asked and, if so, its category, cohort
/// type, lead agency and how to reach the lead professional. No referral detail, no history, no dates. A person the
/// partnership does not know gets the same answer as one not in the cohort.
/// </summary>
public sealed record CohortLookupAnswer(bool InCohort, CohortCategory? Category, CohortType? CohortType, string? LeadAgency, CohortContact? Contact)
    : IApiResponse
{
    public static CohortLookupAnswer NotInCohort { get; } = new(false, null, null, null, null);

    public static CohortLookupAnswer Of(CohortPeriod? period) =>
        period is null
            ? NotInCohort
            : new(true, period.Category, period.CohortType, period.LeadProfessional.Agency,
                new CohortContact(period.LeadProfessional.Agency, period.LeadProfessional.Email));
}
