using Iom.Application.Ports.Documents;

namespace Iom.Application.Panels.Meetings;

/// <summary>A meeting's ETag as HTTP writes it: the store's version, quoted once.</summary>
public static class MeetingETag
{
    public static string Of(StoredDocument<Meeting> stored) => Api.EntityTag.Of(stored);
}
