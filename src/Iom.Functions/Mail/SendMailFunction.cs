using Iom.Application.Mail;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Mail;

public sealed class SendMailFunction(SendQueuedMail handler)
{
    [Function("SendMail")]
    public Task Run([QueueTrigger(OutgoingMail.QueueName, Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
