using Iom.Application.Api;

namespace Iom.Application.Releases.National;

/// <summary>The answer to a relayed HMPPS event (202): what was done with it and, for a release, the notification's id.</summary>
public sealed record PrisonEventAccepted(NationalEventAction Outcome, string? Id) : IApiResponse
{
    public static PrisonEventAccepted Of(NationalEventOutcome outcome) => new((outcome ?? throw new ArgumentNullException(nameof(outcome))).Action, outcome.NotificationId);
}
