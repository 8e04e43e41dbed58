using System.Globalization;
using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals.Acknowledge;

/// <summary>
/// Tells the referrer their referral arrived (reference, panel, meeting, a link to sign in), tells the panel's
/// co-ordinator at once of an emergency referral, and publishes the thin <c>iom.referral.received</c> integration
/// event. The e-mails take the one mail path: they are committed as outbox entries (<see cref="MailRequest"/>) in the
/// person's partition and relayed to the mail queue, where <see cref="SendQueuedMail"/> renders, audits and sends them.
/// No name, date of birth or identifier of the person is ever put in a model, subject, body or event; still, each
/// e-mail tells its recipient that a referral about someone exists, so each is audited as a disclosure in the person's
/// log. Redelivery is harmless: the entries' ids are fixed by the referral (a repeat conflicts, or, once they were
/// dispatched, sends requests the mail ledger has already sent), and the event's business key lets the broker drop a repeat.
/// </summary>
public sealed partial class AcknowledgeReferral(
    IDocumentStore documents,
    OutboxRelay outbox,
    IIntegrationEventPublisher events,
    PanelDirectory panels,
    IOptions<AppOptions> app,
    TimeProvider time,
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
        // Stored, so its claims are no longer provisional: done first, so a failure here is retried with the message.
        await new IdentityClaims(documents, time).ConfirmAsync(referral, cancellationToken);
        // The disclosures belong to the request that made the referral.
        var correlationId = message.CorrelationId ?? referral.Id;
        var panel = panels.Get(referral.Panel);
        var link = new Uri(app.Value.PublicBaseUrl, $"/api/referrals/{referral.Id}/confirmation");
        var content = new ReferralMailModel(
            referral.Reference, panel.Name, referral.MeetingDate?.ToString("dddd d MMMM yyyy", English), link.ToString(), referral.ReferringAgency);

        List<MailRequest> mails =
        [
            MailRequest.Of($"referral-acknowledgement:{referral.Id}", AcknowledgementTemplate, content,
                [new MailAddress(referral.Referrer.Email, referral.Referrer.Name)],
                MailDisclosure.About(referral.PersonId, $"referral/{referral.Id}/acknowledgement", AcknowledgementPurpose, correlationId)) with
            {
                // A referrer who never hears back may think the referral lost: the panel's co-ordinator follows it up.
                ReportFailuresTo = new MailAddress(panel.CoordinatorEmail),
            },
        ];
        if (referral.Emergency)
        {
            mails.Add(MailRequest.Of($"referral-emergency:{referral.Id}", EmergencyNoticeTemplate, content,
                [new MailAddress(panel.CoordinatorEmail)],
                MailDisclosure.About(referral.PersonId, $"referral/{referral.Id}/emergency-notice", EmergencyPurpose, correlationId)));
        }

        await CommitMailAsync(referral, mails, cancellationToken);
        await PublishReceivedAsync(referral, new Uri(app.Value.PublicBaseUrl, $"/api/referrals/{referral.Id}"), cancellationToken);
    }

    private async Task CommitMailAsync(Referral referral, IReadOnlyList<MailRequest> mails, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entries = mails.Select(m => m.ToOutbox(m.Id.Replace(':', '-'), now)).ToList();
        try
        {
            await documents.CommitAsync(Containers.People, referral.PersonId, [.. entries.Select(e => e.Write())], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A redelivery while the first delivery's entries are still pending: they are there, and will be relayed.
        }

        await outbox.NudgeAsync(Containers.People, referral.PersonId, entries, cancellationToken);
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
