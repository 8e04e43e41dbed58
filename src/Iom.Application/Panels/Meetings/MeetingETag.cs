using Iom.Application.Ports.Documents;

namespace Iom.Application.Panels.Meetings;

/// <summary>A meeting's ETag as HTTP writes it: the store's version, quoted once.</summary>
public static class MeetingETag
{
    public static string Of(StoredDocument<Meeting> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.ETag.StartsWith('"') ? stored.ETag : $"\"{stored.ETag}\"";
    }
}
