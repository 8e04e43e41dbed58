using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Circulations;

/// <summary>What a circulation sends (Richmond terms of reference 1.13, 1.14, 4.11, 4.13).</summary>
public enum CirculationKind
{
    /// <summary>The agenda pack, 5 working days before the meeting, with the invitation; reissued when the meeting changes.</summary>
    [WireName("agenda")] Agenda,

    /// <summary>Referrals listed after the agenda went out (emergencies), the same day.</summary>
    [WireName("addendum")] Addendum,

    /// <summary>The finalised minutes, to every member and attendee.</summary>
    [WireName("minutes")] Minutes,

    /// <summary>Each referrer's individual acknowledgement of the panel's decision on their referral.</summary>
    [WireName("outcome")] Outcome,
}
