using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;

namespace Iom.Application.Cohort;

/// <summary>
/// A current cohort member as their panel sees them (the panel side of <see cref="CohortMembership"/>): what the
/// agenda pack's "due for review" reads without touching anyone's partition. Written when a decision selects the
/// person and deleted when one de-selects them.
/// </summary>
/// <param name="ReviewDue">When the panel next reviews the person's membership.</param>
[DocumentKind("cohort-listing")]
public sealed record CohortListing(
    string PersonId,
    PanelCode Panel,
    DateOnly Since,
    DateOnly ReviewDue,
    CohortCategory Category,
    CohortType CohortType,
    string LeadProfessionalName,
    string LeadAgency,
    string SelectedAt);
