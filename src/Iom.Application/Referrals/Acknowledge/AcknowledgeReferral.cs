using System.Globalization;
using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals.Acknowledge;

/// <summary>
/// Tells the referrer their referral arrived (reference, panel, meeting, a link to sign in) and, for an emergency
/// referral, tells the panel's co-ordinator at once. No name, date of birth or identifier of the person is ever put in
/// a subject or body. Redelivery is harmless: each e-mail has its own idempotency key.
/// </summary>
public sealed partial class AcknowledgeReferral(
    IDocumentStore documents,
    OnceOnlyMail mail,
    PanelDirectory panels,
    IOptions<AppOptions> app,
    ILogger<AcknowledgeReferral> logger)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<ReferralAcknowledgementMessage>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The acknowledgement message is null.");
        var stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(message.PersonId, message.ReferralId), cancellationToken);
        if (stored is null)
        {
            // The submission queued this before its commit, and the commit failed: there is nothing to acknowledge.
            LogNothingToAcknowledge(logger, message.ReferralId);
            return;
        }

        var referral = stored.Value;
        var panel = panels.Get(referral.Panel);
        var link = new Uri(app.Value.PublicBaseUrl, $"/api/referrals/{referral.Id}/confirmation");
        var meeting = referral.MeetingDate is { } date
            ? $"It is listed for the meeting on {date.ToString("dddd d MMMM yyyy", English)}."
            : "No meeting is far enough ahead yet; it will be listed as soon as one is arranged.";

        await mail.SendAsync(new MailMessage(
            $"referral-acknowledgement:{referral.Id}",
            [new MailAddress(referral.Referrer.Email, referral.Referrer.Name)],
            $"IOM referral {referral.Reference} received",
            $"""
            Your referral {referral.Reference} has been received by the {panel.Name}.
            {meeting}

            Sign in to see it: {link}

            This e-mail holds no personal data. Do not reply with any.
            """), cancellationToken);

        if (referral.Emergency)
        {
            await mail.SendAsync(new MailMessage(
                $"referral-emergency:{referral.Id}",
                [new MailAddress(panel.CoordinatorEmail)],
                $"Emergency referral {referral.Reference} for the {panel.Name}",
                $"""
                An emergency referral, {referral.Reference}, has been made to the {panel.Name} by {referral.ReferringAgency}.
                {meeting}

                Sign in to see it: {link}
                """), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId} was never stored; no acknowledgement sent")]
    private static partial void LogNothingToAcknowledge(ILogger logger, string referralId);
}
