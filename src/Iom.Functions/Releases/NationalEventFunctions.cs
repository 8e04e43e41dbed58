using System.Text;
using Iom.Application.Releases;
using Iom.Application.Releases.National;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Releases;

/// <summary>
/// HMPPS domain events as published (issue 11, intake door 3): from the national subscription's storage queue, from
/// the Service Bus queue in Azure (drained by a timer: no Service Bus trigger is available to this worker), and the
/// same handler behind a door signed by a relay's key (<see cref="PrisonEventRelaySignature"/>). A malformed event on
/// the storage queue fails, so after the retries it rests in <c>prison-events-poison</c>; on the Service Bus queue it
/// is dead-lettered with why; at the door it is a 400.
/// </summary>
public sealed class NationalEventFunctions(ReceiveNationalEvent handler, DrainNationalEvents drain)
{
    public const string Route = "prison-events";

    [Function("ReceiveNationalEvent")]
    public Task Receive(
        [QueueTrigger(ReleaseQueues.NationalEvents, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(Encoding.UTF8.GetBytes(message), ReceiveNationalEvent.Hmpps, cancellationToken);

    /// <summary>Every minute, like the other sweeps: one bounded batch; where no Service Bus queue is configured, nothing.</summary>
    [Function("DrainNationalEventQueue")]
    public Task Drain([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        drain.DrainAsync(cancellationToken);

    [Function("RelayPrisonEvent")]
    [Accepts("application/json")]
    [Responds(StatusCodes.Status202Accepted, typeof(PrisonEventAccepted), Description = "Taken: a release recorded (or recorded before), a merge queued, or another event type ignored.")]
    [Responds(StatusCodes.Status400BadRequest, typeof(ValidationProblemDetails), Description = "Not JSON, or a release or merge event without what it must carry; nothing is recorded.")]
    [SignedBy(typeof(PrisonEventRelaySignature), MaxBodyBytes = PrisonEventRelaySignature.MaxBodyBytes)]
    public async Task<IActionResult> Relay(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        RequestBody.RequireJson(request);
        var outcome = await handler.HandleAsync(RequestBody.Verified(request), SignedRequest.KeyIdOf(request), cancellationToken);
        return new JsonResponse(StatusCodes.Status202Accepted, PrisonEventAccepted.Of(outcome));
    }
}
