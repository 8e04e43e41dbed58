using Iom.Application.Ports.Documents;
using Iom.Domain.Referrals;

namespace Iom.Application.Referrals;

public static class ReferralListings
{
    public static DocumentKey KeyOf(Referral referral) => KeyOf(referral.Panel, referral.Id);

    public static DocumentKey KeyOf(PanelCode panel, string referralId) =>
        new(Containers.Panels, Panels.PanelDirectory.Code(panel), $"listing-{referralId}");

    public static ReferralListing Of(Referral r) =>
        new(r.Id, r.PersonId, r.Reference, r.Panel, r.Status, r.MeetingDate, r.Emergency, r.ReferringAgency, r.SubmittedAt, r.ReferralType);
}
