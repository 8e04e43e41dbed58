using System.Globalization;
using System.Text.Json;
using Iom.Application.Cohort;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// Raises the alert a <see cref="ReleaseAlertDue"/> asks for (queue <see cref="ReleaseQueues.Alerts"/>): works out who is
/// working with the person now — the lead professional of their current cohort membership, each agency of an open
/// referral or of the membership (at its configured mailbox, else its referrer's address), the co-ordinator of their
/// panel, and for a release to hospital the health agency — and commits, in one commit in the person's partition, the
/// alert (create-only), one e-mail request per recipient, the <c>iom.release-alert.raised</c> event and, for a release
/// with a lead professional, the entry that schedules the escalation. A redelivery finds the alert, or conflicts on its
/// create, and does nothing. Every e-mail takes the one mail path (allow-list, disclosure audit, sent once).
/// </summary>
public sealed partial class RaiseReleaseAlert(
    IDocumentStore documents,
    OutboxRelay outbox,
    PanelDirectory panels,
    CirculationLinks links,
    IOptions<ReleaseAlertOptions> options,
    IOptions<AppOptions> app,
    WorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<RaiseReleaseAlert> logger)
{
    public const string Purpose = "Offender management: telling those working with a person that they have left or are leaving custody";
    public const string AlertTemplate = "Mail/Releases/alert";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var due = JsonSerializer.Deserialize<ReleaseAlertDue>(queuedMessage, DocumentJson.Options) ?? throw new JsonException("The alert message is null.");
        // A message that names no valid alert or person can only fail again: the poison queue keeps it for a person to see.
        if (!ReleaseAlertDocuments.IsAlertId(due.AlertId) || string.IsNullOrWhiteSpace(due.PersonId) || string.IsNullOrWhiteSpace(due.NotificationId))
        {
            throw new JsonException("The alert message lacks a valid alert id, person or notification.");
        }

        var key = ReleaseAlertDocuments.KeyOf(due.PersonId, due.AlertId);
        if (await documents.ReadAsync<ReleaseAlert>(key, cancellationToken) is not null)
        {
            LogAlreadyRaised(logger, due.AlertId);
            return;
        }

        // The locator first: one without its alert (this delivery stops here) answers 404 like none, and is reused.
        await CreateLocatorAsync(due, cancellationToken);
        var now = time.GetUtcNow();
        var alert = ReleaseAlert.Raise(due.AlertId, due.PersonId, due.NotificationId, due.Kind, due.ReleaseDate, due.OccurredAt, due.DaysBefore, now,
            await CandidatesAsync(due.PersonId, cancellationToken), calendar);
        var link = await links.LinkAsync(LinkTarget.ReleaseAlert, alert.Id, now, cancellationToken);
        var entries = Effects(alert, link, due.CorrelationId ?? alert.Id, now);
        try
        {
            await documents.CommitAsync(Containers.People, alert.PersonId, [DocumentWrite.Create(alert.Id, alert), .. entries.Select(e => e.Write())], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // A concurrent delivery raised it first; its entries are its own to relay.
            LogAlreadyRaised(logger, due.AlertId);
            return;
        }

        LogRaised(logger, alert.Id, alert.Recipients.Count);
        await outbox.NudgeAsync(Containers.People, alert.PersonId, entries, cancellationToken);
    }

    private List<OutboxEntry> Effects(ReleaseAlert alert, string link, string correlationId, DateTimeOffset now)
    {
        var coordinator = alert.Recipients.FirstOrDefault(r => r.Role == ReleaseAlertRecipientRole.Coordinator);
        var entries = alert.Recipients.Select(recipient =>
        {
            var acknowledgeBy = recipient.Role == ReleaseAlertRecipientRole.LeadProfessional && alert.LeadAcknowledgementDue is { } due
                ? LondonTime.ToLondon(due).ToString("dddd d MMMM yyyy 'at' HH:mm", English)
                : null;
            var model = new ReleaseAlertMailModel(ReleaseAlertDocuments.ReferenceOf(alert.Id), EventText(alert), HealthNote(alert), link, acknowledgeBy);
            var mail = MailRequest.Of($"release-alert:{alert.Id}:{recipient.Key}", AlertTemplate, model, [new MailAddress(recipient.Email)],
                MailDisclosure.About(alert.PersonId, $"release-alert/{alert.Id}/{recipient.Key}", Purpose, correlationId)) with
            {
                // A recipient who never hears matters: the co-ordinator follows a bounce up.
                ReportFailuresTo = coordinator is null ? null : new MailAddress(coordinator.Email),
            };
            return mail.ToOutbox($"release-alert-{alert.Id}-{recipient.Key}", now);
        }).ToList();
        entries.Add(ReleaseAlertEvents.RaisedEntry(alert, new Uri(app.Value.PublicBaseUrl, $"/api/release-alerts/{alert.Id}"), now));
        if (alert.LeadAcknowledgementDue is { } dueAt)
        {
            entries.Add(OutboxEntry.For("release-alert-escalation-" + alert.Id, ReleaseAlertQueues.Escalations,
                new ReleaseAlertEscalationDue(alert.Id, alert.PersonId, ReleaseAlertEscalationDue.Text(dueAt)), now));
        }

        return entries;
    }

    /// <summary>What happened, in words that name nobody and no place or date.</summary>
    public static string EventText(ReleaseAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.Kind switch
        {
            ReleaseAlertKind.Released => "A person you work with has been released from prison.",
            ReleaseAlertKind.ReleasedToHospital => "A person you work with has been released from prison to hospital.",
            ReleaseAlertKind.Transferred => "A person you are the lead professional for has been transferred to another prison.",
            _ when alert.DaysBefore is 0 => "A person you work with is expected to be released from prison today.",
            _ => $"A person you work with is expected to be released from prison in {alert.DaysBefore} days.",
        };
    }

    private static string? HealthNote(ReleaseAlert alert) => alert.ForHealth
        ? "Health services are told of this release so that treatment can continue."
        : null;

    private async Task CreateLocatorAsync(ReleaseAlertDue due, CancellationToken cancellationToken)
    {
        try
        {
            await documents.CreateAsync(ReleaseAlertDocuments.LocatorKeyOf(due.AlertId), new ReleaseAlertLocator(due.AlertId, due.PersonId), cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Written by an earlier delivery of the same message.
        }
    }

    /// <summary>Everyone the alert could tell, as things stand now; <see cref="ReleaseAlert.Raise"/> picks by kind.</summary>
    private async Task<List<ReleaseAlertRecipient>> CandidatesAsync(string personId, CancellationToken cancellationToken)
    {
        var membership = await documents.ReadAsync<CohortMembership>(CohortDocuments.MembershipOf(personId), cancellationToken);
        var current = membership?.Value.Current;
        // One person's referrals: a partition bounded by nature (docs/architecture.md), read by kind.
        var open = new List<Referral>();
        await foreach (var stored in documents.ReadPartitionAsync<Referral>(Containers.People, personId, cancellationToken))
        {
            if (ReferralStatusRules.IsOpen(stored.Value.Status))
            {
                open.Add(stored.Value);
            }
        }

        open.Sort((a, b) => b.SubmittedAt.CompareTo(a.SubmittedAt));
        var candidates = new List<ReleaseAlertRecipient>();
        if (current?.LeadProfessional is { } lead)
        {
            candidates.Add(new ReleaseAlertRecipient("lead-professional", ReleaseAlertRecipientRole.LeadProfessional, lead.Agency, lead.Email, lead.ObjectId));
        }

        var mailboxes = options.Value.AgencyMailboxes;
        var agencies = open.Select(r => r.ReferringAgency).Concat(current is null ? [] : [current.LeadProfessional.Agency])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var unreachable = 0;
        foreach (var agency in agencies)
        {
            var address = mailboxes.GetValueOrDefault(agency)
                ?? open.FirstOrDefault(r => string.Equals(r.ReferringAgency, agency, StringComparison.OrdinalIgnoreCase))?.Referrer.Email;
            if (address is null)
            {
                // Only the lead professional's own agency can lack both; it hears through its lead professional.
                unreachable++;
                continue;
            }

            candidates.Add(new ReleaseAlertRecipient(AgencyKey(agency), ReleaseAlertRecipientRole.Agency, agency, address, null));
        }

        var panel = current?.Panel ?? (open.Count > 0 ? open[0].Panel : PanelCode.Iom);
        var coordinator = panels.Get(panel);
        candidates.Add(new ReleaseAlertRecipient("coordinator", ReleaseAlertRecipientRole.Coordinator, null, coordinator.CoordinatorEmail, coordinator.CoordinatorObjectId));
        var health = options.Value.HealthAgency;
        if (mailboxes.GetValueOrDefault(health) is { } healthMailbox)
        {
            candidates.Add(new ReleaseAlertRecipient(AgencyKey(health), ReleaseAlertRecipientRole.Agency, health, healthMailbox, null, ForHealth: true));
        }

        if (unreachable > 0)
        {
            LogAgencyWithoutMailbox(logger, unreachable);
        }

        return candidates;
    }

    /// <summary><c>agency-</c> and the agency code in lower case, anything but letters and digits a hyphen.</summary>
    public static string AgencyKey(string agency) =>
        "agency-" + new string([.. (agency ?? "").ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release alert {AlertId} raised for {Recipients} recipient(s)")]
    private static partial void LogRaised(ILogger logger, string alertId, int recipients);

    [LoggerMessage(Level = LogLevel.Information, Message = "Release alert {AlertId} was raised before; nothing to do")]
    private static partial void LogAlreadyRaised(ILogger logger, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} agency(ies) working with the person have no mailbox configured and no referrer; they hear through the lead professional")]
    private static partial void LogAgencyWithoutMailbox(ILogger logger, int count);
}
