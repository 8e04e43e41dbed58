using Iom.Application.Mail;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Iom.Functions.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Mail;

/// <summary>
/// SendGrid's Event Webhook: delivery events for the e-mails this app sent. Signed by SendGrid (checked by the
/// pipeline before this runs, <see cref="SendGridEventSignature"/>), never by a person. Records each recipient's
/// delivery state and alerts the co-ordinator of a bounce or drop (<see cref="MailDeliveries"/>). SendGrid retries a
/// post that gets no 2xx, which is harmless: a batch recorded before changes nothing.
/// </summary>
public sealed class EmailEventFunctions(MailDeliveries deliveries)
{
    public const string Route = "email-events";

    [Function("ReceiveEmailEvents")]
    [Accepts("application/json")]
    [Responds(StatusCodes.Status200OK, typeof(MailEventsReceipt), Description = "The batch is recorded (or was before).")]
    [SignedBy(typeof(SendGridEventSignature), MaxBodyBytes = SendGridEventSignature.MaxBatchBytes)]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        RequestBody.RequireJson(request);
        var (notices, received) = SendGridEventBatch.Parse(RequestBody.Verified(request));
        return new JsonResponse(StatusCodes.Status200OK, await deliveries.RecordAsync(notices, received, cancellationToken));
    }
}
