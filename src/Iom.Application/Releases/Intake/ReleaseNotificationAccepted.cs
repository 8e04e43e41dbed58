using Iom.Application.Api;

namespace Iom.Application.Releases.Intake;

/// <summary>The answer to a signed release notification (202): its id, the same whenever the same event is sent again.</summary>
public sealed record ReleaseNotificationAccepted(string Id) : IApiResponse;
