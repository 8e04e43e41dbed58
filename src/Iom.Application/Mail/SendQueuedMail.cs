using System.Text.Json;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Rendering;

namespace Iom.Application.Mail;

/// <summary>
/// Sends one <see cref="MailRequest"/> taken off the outgoing mail queue: renders its templates, then hands it to
/// <see cref="OnceOnlyMail"/> (allow-list, disclosure audit, once-only send). Rendering happens here, at sending, so
/// what travels and waits in the outbox and the queue is the model, not a body.
/// </summary>
public sealed class SendQueuedMail(OnceOnlyMail mail, ITemplateRenderer templates)
{
    public Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<MailRequest>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The queued mail request is null.");
        // An incomplete request can only fail again: it goes to the poison queue rather than to nobody silently.
        if (string.IsNullOrEmpty(request.Id) || string.IsNullOrEmpty(request.Template) || request.Model is null || request.To is null)
        {
            throw new JsonException("The queued mail request lacks its id, template, model or recipients.");
        }

        return mail.SendAsync(MailMessage.Of(request.Id, request.To, templates.RenderMail(request.Template, request.Model), request.Attachments), request.Discloses, request.ReportFailuresTo, cancellationToken);
    }
}
