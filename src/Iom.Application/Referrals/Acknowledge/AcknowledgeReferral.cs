using System.Globalization;
using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;
using Iom.Application.Ports.Rendering;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals.Acknowledge;

/// <summary>
/// Tells the referrer their referral arrived (reference, panel, meeting, a link to sign in), tells the panel's
/// co-ordinator at once of an emergency referral, and publishes the thin <c>iom.referral.received</c> integration
/// event. No name, date of birth or identifier of the person is ever put in a subject, body or event; still, each
/// e-mail tells its recipient that a referral about someone exists, so each is audited as a disclosure in the person's
/// log. Redelivery is harmless: each e-mail has its own idempotency key, and the event's business key lets the broker
/// drop a repeat.
/// </summary>
public sealed partial class AcknowledgeReferral(
    IDocumentStore documents,
    OnceOnlyMail mail,
    IIntegrationEventPublisher events,
    PanelDirectory panels,
    ITemplateRenderer templates,
    IOptions<AppOptions> app,
    ILogger<AcknowledgeReferral> logger)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public const string AcknowledgementPurpose = "Referral management: acknowledging a referral to its referrer";
    public const string EmergencyPurpose = "Referral management: telling the co-ordinator of an emergency referral";

    public const string AcknowledgementTemplate = "Mail/Referrals/acknowledgement";
    public const string EmergencyNoticeTemplate = "Mail/Referrals/emergency-notice";

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ReferralAcknowledgementMessage>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The acknowledgement message is null.");
        var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(message.PersonId, message.ReferralId), cancellationToken);
        if (stored is null)
        {
            // Sent only once the referral was committed (its outbox entry is in the same commit), so it was erased since.
            LogNothingToAcknowledge(logger, message.ReferralId);
            return;
        }

        var referral = stored.Value;
        // The disclosures belong to the request that made the referral.
        var correlationId = message.CorrelationId ?? referral.Id;
        var panel = panels.Get(referral.Panel);
        var link = new Uri(app.Value.PublicBaseUrl, $"/api/referrals/{referral.Id}/confirmation");
        var content = new ReferralMailModel(
            referral.Reference, panel.Name, referral.MeetingDate?.ToString("dddd d MMMM yyyy", English), link.ToString(), referral.ReferringAgency);

        await mail.SendAsync(MailMessage.Of(
            $"referral-acknowledgement:{referral.Id}",
            [new MailAddress(referral.Referrer.Email, referral.Referrer.Name)],
            templates.RenderMail(AcknowledgementTemplate, content)),
            new MailDisclosure(referral.PersonId, $"referral/{referral.Id}/acknowledgement", AcknowledgementPurpose, correlationId), cancellationToken);

        await PublishReceivedAsync(referral, new Uri(app.Value.PublicBaseUrl, $"/api/referrals/{referral.Id}"), cancellationToken);

        if (referral.Emergency)
        {
            await mail.SendAsync(MailMessage.Of(
                $"referral-emergency:{referral.Id}",
                [new MailAddress(panel.CoordinatorEmail)],
                templates.RenderMail(EmergencyNoticeTemplate, content)),
                new MailDisclosure(referral.PersonId, $"referral/{referral.Id}/emergency-notice", EmergencyPurpose, correlationId), cancellationToken);
        }
    }

    public const string ReceivedEventType = "iom.referral.received";

    private async Task PublishReceivedAsync(Referral referral, Uri detail, CancellationToken cancellationToken) =>
        await events.PublishAsync(new IntegrationEvent(
            ReceivedEventType,
            1,
            referral.SubmittedAt,
            $"A referral was received for the {PanelDirectory.Code(referral.Panel)} panel",
            $"referral-received-{referral.Id}",
            detail,
            [new PersonIdentifier("IOM", referral.PersonId)],
            new Dictionary<string, string>
            {
                ["reference"] = referral.Reference,
                ["panel"] = PanelDirectory.Code(referral.Panel),
                ["referringAgency"] = referral.ReferringAgency,
            }), cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} is no longer stored; no acknowledgement sent")]
    private static partial void LogNothingToAcknowledge(ILogger logger, string referralId);
}
