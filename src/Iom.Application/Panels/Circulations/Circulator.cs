using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// Stores a circulation with one mail request per recipient it may send to, in one commit in the meeting's partition,
/// then nudges the relay. The circulation's id is fixed by meeting, kind and issue and each mail id by circulation and
/// address, so a second run conflicts and creates nothing, and a request relayed twice is sent once by the mail ledger.
/// </summary>
public sealed class Circulator(IDocumentStore documents, OutboxRelay outbox)
{
    /// <summary>
    /// Stores a changed circulation (a resend) with the mail requests it adds, under its ETag: two resends at once
    /// cannot both take the same resend number (the second gets 412).
    /// </summary>
    public async Task ReplaceAsync(
        MeetingId meeting, Circulation circulation, string etag, IReadOnlyList<MailRequest> mails, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circulation);
        ArgumentNullException.ThrowIfNull(mails);
        var entries = mails.Select(m => m.ToOutbox(m.Id, now)).ToList();
        var partition = Meeting.PartitionOf(meeting.Panel);
        await documents.CommitAsync(Containers.Panels, partition,
            [DocumentWrite.Replace(circulation.Id, circulation, etag), .. entries.Select(e => e.Write())], cancellationToken);
        await outbox.NudgeAsync(Containers.Panels, partition, entries, cancellationToken);
    }

    /// <summary>Circulates; false when this circulation already exists (nothing new was written or sent).</summary>
    /// <param name="mailFor">The e-mail to one sendable recipient, under the mail id given.</param>
    public async Task<bool> CirculateAsync(
        Circulation circulation, Func<CirculationRecipient, string, Task<MailRequest>> mailFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(circulation);
        ArgumentNullException.ThrowIfNull(mailFor);
        if (!MeetingId.TryParse(circulation.MeetingId, out var meeting))
        {
            throw new ArgumentException("The circulation names no meeting.", nameof(circulation));
        }

        var entries = new List<OutboxEntry>();
        foreach (var recipient in circulation.Sendable)
        {
            entries.Add((await mailFor(recipient, recipient.MailId)).ToOutbox(recipient.MailId, circulation.CreatedAt));
        }

        var partition = Meeting.PartitionOf(meeting.Panel);
        try
        {
            await documents.CommitAsync(Containers.Panels, partition,
                [DocumentWrite.Create(circulation.Id, circulation), .. entries.Select(e => e.Write())], cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return false;
        }

        await outbox.NudgeAsync(Containers.Panels, partition, entries, cancellationToken);
        return true;
    }
}
