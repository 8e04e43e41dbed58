using System.Globalization;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;

namespace Iom.Application.Panels.Minutes;

/// <summary>
/// Where minutes live: beside their meeting, in the panel's meetings partition (so the meeting, its minutes and
/// their outbox entries commit together). The current document is the draft or the latest version; each final
/// version is also kept under its number, never changed again. A person's partition holds a marker per meeting
/// whose decision about them has been applied, written in the same commit as the decision.
/// </summary>
public static class MinutesDocuments
{
    public static DocumentKey KeyOf(MeetingId meeting) =>
        new(Containers.Panels, Meeting.PartitionOf(meeting.Panel), $"minutes-{meeting.Scheduled:yyyy-MM-dd}");

    public static DocumentKey VersionKeyOf(MeetingId meeting, int version) =>
        new(Containers.Panels, Meeting.PartitionOf(meeting.Panel), $"minutes-{meeting.Scheduled:yyyy-MM-dd}-v{version.ToString(CultureInfo.InvariantCulture)}");

    public static DocumentKey AppliedKeyOf(string personId, MeetingId meeting) =>
        new(Containers.People, personId, $"minutes-applied-{meeting}");
}
