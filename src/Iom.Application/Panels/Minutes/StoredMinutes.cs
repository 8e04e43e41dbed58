using Iom.Domain.Panels.Minutes;

namespace Iom.Application.Panels.Minutes;

/// <summary>Minutes as read or written, with the ETag a later save must send back in <c>If-Match</c>.</summary>
public sealed record StoredMinutes(MeetingMinutes Minutes, string ETag);
