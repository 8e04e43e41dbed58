using System.Globalization;
using Iom.Application.Panels;
using Iom.Application.Panels.Packs;
using Iom.Domain.Panels;
using Iom.Domain.Wire;

namespace Iom.Functions.Panels;

/// <summary>
/// What the agenda pack page reads: text only, formatted here. Referrals and cohort rows carry references, types,
/// dates and agencies, never anyone's name; an action's description is shown as the minutes gave it.
/// </summary>
public sealed record AgendaPackView(
    string Panel,
    string MeetingDate,
    string MeetingTime,
    string? Location,
    bool Cancelled,
    IReadOnlyList<AgendaPackView.ReferralRow> Referrals,
    IReadOnlyList<AgendaPackView.ReviewRow> Reviews,
    IReadOnlyList<AgendaPackView.ActionRow> Actions,
    IReadOnlyList<string> More,
    string? PreviousMinutes)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public sealed record ReferralRow(string Reference, string Href, string ReferralType, bool Emergency, string Submitted);

    public sealed record ReviewRow(string Category, string CohortType, string LeadAgency, string Since, string ReviewDue);

    public sealed record ActionRow(string DueDate, string Owner, string Description, bool Overdue);

    public static AgendaPackView Of(AgendaPack pack, string panelName)
    {
        ArgumentNullException.ThrowIfNull(pack);
        var meeting = pack.Meeting;
        return new AgendaPackView(
            panelName,
            Long(meeting.Date),
            meeting.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            meeting.Location,
            meeting.Status == MeetingStatus.Cancelled,
            [.. pack.Referrals.Select(r => new ReferralRow(
                r.Reference,
                $"/api/referrals/{Uri.EscapeDataString(r.ReferralId)}",
                r.ReferralType is { } type ? WireNames.Of(type).ToUpperInvariant() : "Not recorded",
                r.Emergency,
                Long(DateOnly.FromDateTime(r.SubmittedAt.UtcDateTime))))],
            [.. pack.DueForReview.Select(c => new ReviewRow(WireNames.Of(c.Category), WireNames.Of(c.CohortType), c.LeadAgency, Long(c.Since), Long(c.ReviewDue)))],
            [.. pack.Actions.Select(a => new ActionRow(Long(a.Action.DueDate), a.OwnerName ?? "A former member", a.Action.Description, a.Overdue))],
            pack.More,
            pack.PreviousMinutesMeetingId is { } previous ? $"/api/meetings/{Uri.EscapeDataString(previous)}/minutes" : null);
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", English);

}
