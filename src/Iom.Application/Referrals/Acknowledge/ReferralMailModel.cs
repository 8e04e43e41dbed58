namespace Iom.Application.Referrals.Acknowledge;

/// <summary>
/// What the referral e-mails' templates may read: the reference, the panel, the meeting date and the link, and the
/// referring agency for the co-ordinator. Never a name, date of birth or identifier of the person.
/// </summary>
/// <param name="MeetingDate">As written in the e-mail ("Tuesday 12 January 2027"); null while awaiting a meeting.</param>
public sealed record ReferralMailModel(string Reference, string Panel, string? MeetingDate, string Link, string ReferringAgency);
