using System.Globalization;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Panels.Circulations;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Alerts;

/// <summary>
/// The escalation timer's work: finds the alerts whose lead professional was due by now (one indexed query of the due
/// times, a page at a time), and for each still unacknowledged one tells the alert's co-ordinator, once: the alert marked
/// escalated and the e-mail request committed together in the person's partition (the alert's ETag makes a concurrent
/// acknowledgement or a second run lose, and the mail's fixed id makes a repeat conflict). A due time whose alert was
/// acknowledged, escalated or erased is dropped. Nothing about the person goes in the e-mail.
/// </summary>
public sealed partial class EscalateReleaseAlerts(
    IDocumentStore documents, OutboxRelay outbox, PanelDirectory panels, CirculationLinks links, TimeProvider time, ILogger<EscalateReleaseAlerts> logger)
{
    public const string Purpose = "Offender management: telling the co-ordinator that a release alert has not been acknowledged in time";
    public const string EscalationTemplate = "Mail/Releases/escalation";
    public const int PageSize = 100;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <returns>How many alerts were escalated.</returns>
    public async Task<int> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var escalated = 0;
        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync<ReleaseAlertEscalationDue>(new DocumentQuery(Containers.Operations, ReleaseAlertDocuments.EscalationPartition)
            {
                Filters = [FieldFilter.Before("dueAt", ReleaseAlertEscalationDue.Text(now.AddSeconds(1)))],
                OrderBy = "dueAt",
                PageSize = PageSize,
                Continuation = continuation,
            }, cancellationToken);
            foreach (var due in page.Items)
            {
                if (await EscalateAsync(due.Value, now, cancellationToken))
                {
                    escalated++;
                }
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);

        LogEscalated(logger, escalated);
        return escalated;
    }

    private async Task<bool> EscalateAsync(ReleaseAlertEscalationDue due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<ReleaseAlert>(ReleaseAlertDocuments.KeyOf(due.PersonId, due.AlertId), cancellationToken);
        var alert = stored?.Value;
        if (alert is null || !alert.IsLeadAcknowledgementOverdue(now))
        {
            // Acknowledged in time, escalated already, or no longer held: nothing to tell anyone.
            if (alert is null || alert.EscalatedAt is not null || alert.LeadProfessional() is not { AcknowledgedAt: null })
            {
                await documents.DeleteAsync(ReleaseAlertDocuments.EscalationKeyOf(due.AlertId), null, cancellationToken);
            }

            return false;
        }

        var coordinator = alert.Recipients.FirstOrDefault(r => r.Role == ReleaseAlertRecipientRole.Coordinator)?.Email ?? panels.Get(PanelCode.Iom).CoordinatorEmail;
        var model = new EscalationMailModel(ReleaseAlertDocuments.ReferenceOf(alert.Id), RaiseReleaseAlert.EventText(alert),
            LondonTime.ToLondon(alert.LeadAcknowledgementDue!.Value).ToString("dddd d MMMM yyyy 'at' HH:mm", English),
            await links.LinkAsync(LinkTarget.ReleaseAlert, alert.Id, now, cancellationToken));
        var entry = MailRequest.Of($"release-alert-escalation:{alert.Id}", EscalationTemplate, model, [new MailAddress(coordinator)],
            MailDisclosure.About(alert.PersonId, $"release-alert/{alert.Id}/escalation", Purpose, alert.Id)).ToOutbox("release-alert-escalation-" + alert.Id, now);
        try
        {
            await documents.CommitAsync(Containers.People, alert.PersonId,
                [DocumentWrite.Replace(alert.Id, alert.Escalate(now), stored!.ETag), entry.Write()], cancellationToken);
        }
        catch (DocumentStoreException)
        {
            // Acknowledged or escalated meanwhile: the next run reads it again and decides afresh.
            return false;
        }

        await outbox.NudgeAsync(Containers.People, alert.PersonId, [entry], cancellationToken);
        await documents.DeleteAsync(ReleaseAlertDocuments.EscalationKeyOf(due.AlertId), null, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release alert escalation: {Escalated} alert(s) escalated to their co-ordinator")]
    private static partial void LogEscalated(ILogger logger, int escalated);
}
