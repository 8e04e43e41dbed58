using Iom.Application.Api;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Matching;

/// <summary>A possible match as the co-ordinator's decision left it: ids, state and when, no personal data.</summary>
public sealed record ReleaseMatchView(string Id, string NotificationId, ReleaseMatchState State, ReleaseMatchGround Ground, DateTimeOffset? DecidedAt, string? PersonId)
    : IApiResponse
{
    public static ReleaseMatchView Of(ReleaseMatch match)
    {
        ArgumentNullException.ThrowIfNull(match);
        return new ReleaseMatchView(match.Id, match.NotificationId, match.State, match.Ground, match.Decision?.At, match.ConfirmedPersonId);
    }
}
