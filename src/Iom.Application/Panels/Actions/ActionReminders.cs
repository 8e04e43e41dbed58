using System.Globalization;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels.Actions;

/// <summary>
/// Reminds each owner of an open action two working days before its due date and on every working day after it
/// (<see cref="PanelAction.ReminderDueOn"/>), on working days only (London date). Reads stay flat: per panel one
/// indexed query of the open actions due before the window's end (<see cref="PanelAction.ReminderWindowEnd"/>),
/// never every action. Each reminder takes the one mail path: a <see cref="MailRequest"/> outbox entry committed in the
/// action's partition, with an id made of the action id and the day, so a second run the same day queues nothing new
/// (the entry conflicts while pending, and once relayed the mail ledger has sent that id). The owner's address comes
/// from the panel's roster of the day; the e-mail says only the panel, the due date and a link.
/// </summary>
public sealed class ActionReminders(
    IDocumentStore documents,
    OutboxRelay outbox,
    IPanelRosters rosters,
    PanelDirectory panels,
    WorkingDayCalendar calendar,
    IOptions<AppOptions> app,
    TimeProvider time)
{
    public const string Template = "Mail/Panels/action-reminder";
    public const string Purpose = "Panel administration: reminding a member of an action allocated to them";

    private const int PageSize = 200;
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task<ActionReminderReport> HandleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        if (!calendar.IsWorkingDay(today))
        {
            return new ActionReminderReport(today, false, 0, 0, 0);
        }

        var windowEnd = PanelAction.ReminderWindowEnd(today, calendar).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (read, reminded, noAddress) = (0, 0, 0);
        foreach (var panel in Enum.GetValues<PanelCode>().Where(p => panels.Find(p) is not null))
        {
            PanelRoster? roster = null;
            string? continuation = null;
            do
            {
                var page = await documents.QueryAsync<PanelAction>(new DocumentQuery(Containers.Panels, PanelActionDocuments.PartitionOf(panel))
                {
                    Filters = [FieldFilter.EqualTo("status", WireNames.Of(PanelActionStatus.Open)), FieldFilter.Before("dueDate", windowEnd)],
                    OrderBy = "dueDate",
                    PageSize = PageSize,
                    Continuation = continuation,
                }, cancellationToken);
                read += page.Items.Count;
                foreach (var action in page.Items.Select(i => i.Value).Where(a => a.ReminderDueOn(today, calendar)))
                {
                    roster ??= await rosters.OnDayAsync(panel, today, cancellationToken);
                    if (roster.Find(action.OwnerMemberId) is not { } owner)
                    {
                        noAddress++;
                        continue;
                    }

                    await QueueAsync(action, owner, today, now, cancellationToken);
                    reminded++;
                }

                continuation = page.Continuation;
            }
            while (continuation is not null);
        }

        return new ActionReminderReport(today, true, read, reminded, noAddress);
    }

    /// <summary>The reminder's mail id: one per action and day, so it is sent at most once a day.</summary>
    public static string MailIdOf(string actionId, DateOnly day) =>
        $"action-reminder:{actionId}:{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private async Task QueueAsync(PanelAction action, PanelMember owner, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = MailIdOf(action.Id, today);
        var model = new ActionReminderModel(
            panels.Get(action.Panel).Name,
            action.DueDate.ToString("dddd d MMMM yyyy", English),
            action.IsOverdue(today) ? "yes" : null,
            new Uri(app.Value.PublicBaseUrl, $"/api/actions/{Uri.EscapeDataString(action.Id)}").ToString());
        // Telling the owner of an action about a person that it is still open tells them about that person.
        var discloses = action.PersonId is { } person
            ? MailDisclosure.About(person, $"action/{action.Id}/reminder", Purpose, "action-reminders-" + today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var entry = MailRequest.Of(id, Template, model, [new MailAddress(owner.Email, owner.Name)], discloses).ToOutbox(id.Replace(':', '-'), now);
        var partition = PanelActionDocuments.PartitionOf(action.Panel);
        try
        {
            await documents.CommitAsync(Containers.Panels, partition, [entry.Write()], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // Queued by an earlier run today and not yet relayed: it will be.
            return;
        }

        await outbox.NudgeAsync(Containers.Panels, partition, [entry], cancellationToken);
    }
}
