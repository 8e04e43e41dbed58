using System.Globalization;
using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

/// <summary>
/// A referral: the aggregate of the intake flow and the source of truth about it. It is made by
/// <see cref="Submit"/> and changes status only through its methods, each of which checks
/// <see cref="ReferralStatusRules"/> (refusing with <see cref="InvalidTransitionException"/>), records the move in
/// <see cref="History"/> and returns the effects the handler must commit with it.
/// </summary>
/// <remarks>
/// The positional properties are the stored document (kind "referral", in the person's partition): their names and
/// order are its JSON, so renaming or reordering one changes stored data. Anything else goes in methods, not properties.
/// </remarks>
public sealed record Referral(
    string Id,
    string PersonId,
    string Reference,
    ReferralType ReferralType,
    PanelCode Panel,
    ReferralStatus Status,
    DateOnly? MeetingDate,
    PersonDetails Person,
    string Reason,
    IReadOnlyList<string> OffenceTypes,
    IReadOnlyList<string> Drivers,
    RiskOfSeriousHarm RiskOfSeriousHarm,
    int MappaLevel,
    bool MaracCase,
    int? AssetScore,
    int? OgrsScore,
    bool Statutory,
    bool Emergency,
    ReferrerDetails Referrer,
    string ReferringAgency,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    RoutingDecision DecidedBy,
    IReadOnlyList<string> MatchKeys,
    IReadOnlyList<StatusChange> History,
    WithdrawalReason? WithdrawalReason = null,
    string? WithdrawalNote = null)
{
    /// <summary>
    /// A new referral, routed to <see cref="RoutingDecision.Panel"/>: listed for <paramref name="meetingDate"/>, or
    /// awaiting a meeting when there is none far enough ahead. Its panel is to list it and its referrer to be
    /// acknowledged. Its history starts empty: being submitted is not a move between statuses.
    /// </summary>
    public static ReferralChange Submit(
        string id,
        string personId,
        string reference,
        ReferralType referralType,
        RoutingDecision decidedBy,
        DateOnly? meetingDate,
        PersonDetails person,
        string reason,
        IReadOnlyList<string> offenceTypes,
        IReadOnlyList<string> drivers,
        RiskOfSeriousHarm riskOfSeriousHarm,
        int mappaLevel,
        bool maracCase,
        int? assetScore,
        int? ogrsScore,
        bool statutory,
        bool emergency,
        ReferrerDetails referrer,
        string referringAgency,
        string submittedBy,
        DateTimeOffset submittedAt,
        IReadOnlyList<string> matchKeys)
    {
        ArgumentNullException.ThrowIfNull(decidedBy);
        var panel = decidedBy.Panel ?? throw new ArgumentException("Only a routed referral can be submitted.", nameof(decidedBy));
        var status = meetingDate is null ? ReferralStatus.AwaitingMeeting : ReferralStatus.Listed;
        var referral = new Referral(
            id, personId, reference, referralType, panel, status, meetingDate, person, reason, offenceTypes, drivers,
            riskOfSeriousHarm, mappaLevel, maracCase, assetScore, ogrsScore, statutory, emergency, referrer, referringAgency,
            submittedBy, submittedAt, decidedBy, matchKeys, []);
        return new ReferralChange(referral, [referral.Listing(), new MessageDue(ReferralMessage.Acknowledgement)]);
    }

    /// <summary>The referring agency withdraws it, with a coded reason (<see cref="WithdrawalReason.Other"/> needs a note).</summary>
    public ReferralChange Withdraw(WithdrawalReason reason, string? note, DateTimeOffset at, string byUserId)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (reason == Referrals.WithdrawalReason.Other && trimmed is null)
        {
            throw new ArgumentException("A withdrawal for another reason says why.", nameof(note));
        }

        var withdrawn = Move(ReferralStatus.Withdrawn, at, byUserId, WireNames.Of(reason)) with
        {
            WithdrawalReason = reason,
            WithdrawalNote = trimmed,
        };
        return new ReferralChange(withdrawn, [withdrawn.Listing()]);
    }

    /// <summary>Lists it for <paramref name="meeting"/>: one awaiting a meeting, or one the panel deferred.</summary>
    public ReferralChange ListFor(DateOnly meeting, DateTimeOffset at, string byUserId)
    {
        var listed = Move(ReferralStatus.Listed, at, byUserId, $"meeting {meeting.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}") with
        {
            MeetingDate = meeting,
        };
        return new ReferralChange(listed, [listed.Listing()]);
    }

    /// <summary>Back to awaiting a meeting: its meeting was cancelled, or it was deferred, and no later one is far enough ahead.</summary>
    public ReferralChange AwaitMeeting(string why, DateTimeOffset at, string byUserId)
    {
        var waiting = Move(ReferralStatus.AwaitingMeeting, at, byUserId, why) with { MeetingDate = null };
        return new ReferralChange(waiting, [waiting.Listing()]);
    }

    /// <summary>
    /// The person's ward as its code (<paramref name="ward"/>, which the free text recorded before wards were codes
    /// names). Not a status move: the history is unchanged, and nothing is told to anyone.
    /// </summary>
    public Referral WithWardCode(Wards.Ward ward)
    {
        ArgumentNullException.ThrowIfNull(ward);
        return this with { Person = Person with { Ward = ward.Code } };
    }

    /// <summary>The panel selects it at the meeting it is listed for: the person joins the cohort.</summary>
    public ReferralChange Select(DateTimeOffset at, string byUserId) => Decide(ReferralStatus.Selected, null, at, byUserId);

    /// <summary>The panel declines it.</summary>
    public ReferralChange Decline(string? why, DateTimeOffset at, string byUserId) => Decide(ReferralStatus.Declined, why, at, byUserId);

    /// <summary>The panel defers it to a later meeting; <see cref="ListFor"/> lists it there.</summary>
    public ReferralChange Defer(string? why, DateTimeOffset at, string byUserId) => Decide(ReferralStatus.Deferred, why, at, byUserId);

    // A panel decision is told to the referrer (the response form that goes with the minutes).
    private ReferralChange Decide(ReferralStatus outcome, string? why, DateTimeOffset at, string byUserId)
    {
        var decided = Move(outcome, at, byUserId, string.IsNullOrWhiteSpace(why) ? null : why.Trim());
        return new ReferralChange(decided, [decided.Listing(), new MessageDue(ReferralMessage.PanelDecision)]);
    }

    // The one place a status changes: the table decides, the history records.
    private Referral Move(ReferralStatus to, DateTimeOffset at, string byUserId, string? why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(byUserId);
        if (!ReferralStatusRules.CanMove(Status, to))
        {
            throw new InvalidTransitionException(Status, to);
        }

        return this with { Status = to, History = [.. History, new StatusChange(Status, to, at, byUserId, why)] };
    }

    private ListingChanged Listing() => new(Panel, Status, MeetingDate);
}
