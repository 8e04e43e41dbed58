using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels;

/// <summary>
/// A panel meeting: one a day per panel, in the panel's own meetings partition (<c>meetings-{panel}</c>) of the
/// panels container, apart from the listings, so reading the calendar never reads the referral history.
/// </summary>
[DocumentKind("meeting")]
public sealed record Meeting(PanelCode Panel, DateOnly Date, TimeOnly StartTime, string? Location, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static DocumentKey KeyOf(PanelCode panel, DateOnly date) =>
        new(Containers.Panels, PartitionOf(panel), $"meeting-{date:yyyy-MM-dd}");

    public static string PartitionOf(PanelCode panel) => "meetings-" + PanelDirectory.Code(panel);
}
