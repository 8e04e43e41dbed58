using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;

namespace Iom.Domain.Performance.Facts;

/// <summary>
/// What the measures need from one referral: when it came in and from which agency, the meeting it is listed for (or
/// was decided at), and each outcome with its London date. A pure function of the referral document
/// (<see cref="Of"/>), so a changed referral's new fact simply replaces its old one.
/// </summary>
/// <param name="Agency">The referring agency's code on the configured list, or <c>unknown</c>: never the stored free text.</param>
/// <param name="Received">The London date it was submitted.</param>
/// <param name="MeetingDate">The meeting it is listed for or was decided at; null while awaiting a meeting (a deferred
/// referral relisted carries its later meeting: the first is not kept on the document).</param>
/// <param name="Outcomes">Selected, declined, deferred and withdrawn moves, in the order they happened.</param>
public sealed record ReferralFact(string Id, string Agency, DateOnly Received, DateOnly? MeetingDate, IReadOnlyList<ReferralOutcome> Outcomes)
{
    /// <summary>The first selection or decline: the panel's decision the referral-to-decision time runs to.</summary>
    public ReferralOutcome? Decision => Outcomes.FirstOrDefault(o => o.Outcome is ReferralStatus.Selected or ReferralStatus.Declined);

    public static ReferralFact Of(Referral referral, AgencyList agencies)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(agencies);
        var outcomes = referral.History
            .Where(h => h.To is ReferralStatus.Selected or ReferralStatus.Declined or ReferralStatus.Deferred or ReferralStatus.Withdrawn)
            .Select(h => new ReferralOutcome(h.To, LondonTime.LondonDate(h.At)))
            .ToList();
        return new ReferralFact(referral.Id, agencies.KeyOf(referral.ReferringAgency), LondonTime.LondonDate(referral.SubmittedAt), referral.MeetingDate, outcomes);
    }
}
