using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Circulations;

/// <summary>Why a recipient is on a circulation.</summary>
public enum RecipientRole
{
    [WireName("member")] Member,

    /// <summary>The nominating officer of a listed referral, invited to attend (ToR: the referrer is invited).</summary>
    [WireName("nominating-officer")] NominatingOfficer,

    /// <summary>Someone at the meeting who is not a member: a delegate or an invited attendee.</summary>
    [WireName("attendee")] Attendee,

    [WireName("referrer")] Referrer,
}
