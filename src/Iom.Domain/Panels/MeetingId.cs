using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Domain.Panels;

/// <summary>
/// A meeting's id: its panel and the date it was first scheduled for, written <c>iom-2027-01-12</c>. It never changes,
/// not even when the meeting moves to another day, so links, minutes and circulations keep pointing at it.
/// </summary>
public readonly record struct MeetingId(PanelCode Panel, DateOnly Scheduled)
{
    public override string ToString() =>
        WireNames.Of(Panel) + "-" + Scheduled.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParse([NotNullWhen(true)] string? text, out MeetingId id)
    {
        id = default;
        // The date is always the last 10 characters; the panel code before it may itself contain '-'.
        if (text is null || text.Length < 12 || text[^11] != '-'
            || !DateOnly.TryParseExact(text[^10..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !WireNames.TryParse<PanelCode>(text[..^11], out var panel))
        {
            return false;
        }

        id = new MeetingId(panel, date);
        return true;
    }
}
