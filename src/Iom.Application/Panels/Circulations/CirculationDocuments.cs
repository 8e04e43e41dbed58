using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;

namespace Iom.Application.Panels.Circulations;

/// <summary>Where circulations live: in their meeting's partition, beside the meeting, so a meeting's papers are one bounded query.</summary>
public static class CirculationDocuments
{
    public static DocumentKey KeyOf(MeetingId meeting, string circulationId) =>
        new(Containers.Panels, Meeting.PartitionOf(meeting.Panel), circulationId);

    public static DocumentKey KeyOf(MeetingId meeting, CirculationKind kind, string issue) =>
        KeyOf(meeting, Circulation.IdOf(meeting, kind, issue));

    /// <summary>The meeting a circulation id names (<c>circulation-{meeting}-{kind}-{issue}</c>), or false.</summary>
    public static bool TryParse(string? circulationId, out MeetingId meeting)
    {
        meeting = default;
        if (circulationId is null || !circulationId.StartsWith("circulation-", StringComparison.Ordinal) || circulationId.Length > 200)
        {
            return false;
        }

        foreach (var kind in Enum.GetValues<CirculationKind>())
        {
            var marker = "-" + Domain.Wire.WireNames.Of(kind) + "-";
            var at = circulationId.IndexOf(marker, "circulation-".Length, StringComparison.Ordinal);
            if (at > 0 && MeetingId.TryParse(circulationId["circulation-".Length..at], out meeting)
                && circulationId.Length > at + marker.Length)
            {
                return true;
            }
        }

        return false;
    }
}
