using Iom.Application.Releases;
using Iom.Application.Releases.Matching;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Releases;

/// <summary>Matching's queue functions: a recorded (or confirmed) notification to match, and a prison number merge to follow.</summary>
public sealed class ReleaseMatchingQueueFunctions(MatchReleaseNotification match, PrisonNumberAliases aliases)
{
    [Function("MatchReleaseNotification")]
    public Task Match(
        [QueueTrigger(ReleaseQueues.Notifications, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        match.HandleAsync(message, cancellationToken);

    [Function("FollowPrisonNumberMerge")]
    public Task FollowMerge(
        [QueueTrigger(ReleaseQueues.Merges, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        aliases.HandleAsync(message, cancellationToken);
}
