using Iom.Application.Api;
using Iom.Domain.Panels.Minutes;
using Iom.Domain.Wire;

namespace Iom.Application.Panels.Minutes;

/// <summary>A version of a meeting's minutes as the API shows it, mapped field by field from the stored minutes.</summary>
/// <param name="Status">draft, finalising or final.</param>
public sealed record MinutesView(
    string MeetingId,
    string Panel,
    DateOnly MeetingDate,
    int Version,
    string Status,
    IReadOnlyList<MinutesView.AttendeeView> Attendance,
    IReadOnlyList<string> Apologies,
    IReadOnlyList<MinutesView.DecisionView> Decisions,
    IReadOnlyList<MinutesView.ActionView> Actions,
    MinutesView.AmendmentView? Amendment,
    MinutesView.RulingView? Ruling,
    string SavedBy,
    DateTimeOffset SavedAt,
    DateTimeOffset? FinalisedAt) : IApiResponse
{
    public static MinutesView Of(MeetingMinutes minutes)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        var content = minutes.Content;
        return new(
            minutes.MeetingId,
            WireNames.Of(minutes.Panel),
            minutes.MeetingDate,
            minutes.Version,
            WireNames.Of(minutes.Status),
            [.. content.Attendance.Select(a => new AttendeeView(a.MemberId, a.DelegateFor, a.Name, a.Organisation, a.Email))],
            [.. content.Apologies],
            [.. content.Decisions.Select(d => new DecisionView(
                d.ReferralId, d.PersonId, WireNames.Of(d.Outcome), d.VotesFor, d.VotesAgainst,
                d.CastingVote is { } c ? WireNames.Of(c) : null,
                d.LeadProfessional is { } l ? new LeadProfessionalView(l.Name, l.Agency, l.Email, l.ObjectId) : null,
                d.Category is { } cat ? WireNames.Of(cat) : null,
                d.CohortType is { } type ? WireNames.Of(type) : null,
                [.. d.Strands], d.ReasonCode, d.Notes))],
            [.. content.Actions.Select(a => new ActionView(a.Description, a.OwnerMemberId, a.DueDate, a.PersonId))],
            minutes.Amendment is { } amendment ? new AmendmentView(amendment.Amends, amendment.Summary, [.. amendment.Changed]) : null,
            minutes.Ruling is { } ruling ? new RulingView(ruling.Quorate, [.. ruling.Organisations], ruling.ActingChairMemberId) : null,
            minutes.SavedBy,
            minutes.SavedAt,
            minutes.Status == MinutesStatus.Draft ? null : minutes.FinalisedAt);
    }

    public sealed record AttendeeView(string? MemberId, string? DelegateFor, string? Name, string? Organisation, string? Email);

    public sealed record DecisionView(
        string? ReferralId,
        string PersonId,
        string Outcome,
        int VotesFor,
        int VotesAgainst,
        string? CastingVote,
        LeadProfessionalView? LeadProfessional,
        string? Category,
        string? CohortType,
        IReadOnlyList<string> Strands,
        string ReasonCode,
        string? Notes);

    public sealed record LeadProfessionalView(string Name, string Agency, string Email, string? Oid);

    public sealed record ActionView(string Description, string OwnerMemberId, DateOnly DueDate, string? PersonId);

    /// <param name="Amends">The final version this one amends.</param>
    /// <param name="Changed">What differs from it: attendance, apologies, actions, decisions[i].notes.</param>
    public sealed record AmendmentView(int Amends, string Summary, IReadOnlyList<string> Changed);

    /// <param name="Organisations">The organisations represented, a delegate's counted as their member's.</param>
    public sealed record RulingView(bool Quorate, IReadOnlyList<string> Organisations, string? ActingChairMemberId);
}
