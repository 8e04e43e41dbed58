using System.Collections.Frozen;
using Iom.Domain.Cohort;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Referrals;

namespace Iom.Application.Ports.Documents;

/// <summary>
/// The stored kinds of the domain's aggregates. The domain cannot carry <see cref="DocumentKindAttribute"/> (storage
/// is not its concern), so their names are given here; like the attribute's, they are data and never change.
/// </summary>
public static class DomainDocumentKinds
{
    public static FrozenDictionary<Type, string> Names { get; } = new Dictionary<Type, string>
    {
        [typeof(Referral)] = "referral",
        [typeof(CohortMembership)] = "cohort-membership",
        [typeof(PanelAction)] = "panel-action",
        [typeof(Iom.Domain.Mail.RecipientDelivery)] = "mail-delivery",
        [typeof(MeetingMinutes)] = "meeting-minutes",
        [typeof(Domain.Panels.Circulations.Circulation)] = "circulation",
        [typeof(Domain.Releases.ReleaseMatch)] = "release-match",
        [typeof(Domain.Releases.CustodyRecord)] = "custody-record",
        [typeof(Domain.Releases.CustodyEvent)] = "custody-event",
        [typeof(Domain.Releases.ReleaseAlert)] = "release-alert",
        [typeof(Domain.Performance.Rollup)] = "rollup",
    }.ToFrozenDictionary();
}
