using Iom.Application.Ports.Documents;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;

namespace Iom.Application.Cohort;

/// <summary>Where cohort documents live.</summary>
public static class CohortDocuments
{
    /// <summary>A person's <see cref="CohortMembership"/>: one per person, in their partition beside their referrals.</summary>
    public static DocumentKey MembershipOf(string personId) => new(Containers.People, personId, "cohort-membership");

    /// <summary>The panel's partition of <see cref="CohortListing"/>s: its current cohort, read by one bounded query.</summary>
    public static string ListingPartitionOf(PanelCode panel) => "cohort-" + Panels.PanelDirectory.Code(panel);

    public static DocumentKey ListingOf(PanelCode panel, string personId) => new(Containers.Panels, ListingPartitionOf(panel), "cohort-" + personId);
}
