using System.Globalization;
using System.Text.Json;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// A meeting moved or was cancelled (<see cref="MeetingChanged"/>, from <see cref="PanelQueues.MeetingChanged"/>): if
/// its agenda already went out, everyone it went to gets the updated invitation (or METHOD:CANCEL) in a new agenda
/// issue, numbered from the meeting's sequence, so a redelivery creates nothing. Before the agenda has gone out there
/// is nothing to do: the agenda, when it goes, describes the meeting as it then is.
/// </summary>
public sealed class MeetingChangedCirculation(
    MeetingPapers papers,
    CirculationMails mails,
    Circulator circulator,
    SecureMailDomains secure,
    TimeProvider time)
{
    public async Task HandleAsync(string queuedMessage, CancellationToken cancellationToken)
    {
        var message = JsonSerializer.Deserialize<MeetingChanged>(queuedMessage, DocumentJson.Options)
            ?? throw new JsonException("The meeting-changed message is null.");
        if (!MeetingId.TryParse(message.MeetingId, out var id) || message.Sequence < 1)
        {
            throw new JsonException("The meeting-changed message names no meeting, or no sequence after a change.");
        }

        var sent = (await papers.CirculationsAsync(id, cancellationToken))
            .Select(c => c.Value).Where(c => c.Kind is CirculationKind.Agenda or CirculationKind.Addendum).ToList();
        if (sent.Count == 0 || await papers.MeetingAsync(id, cancellationToken) is not { } stored)
        {
            return;
        }

        var now = time.GetUtcNow();
        var everyone = sent.SelectMany(c => c.Recipients)
            .Select(r => new CirculationAddressee(r.Email, r.Name, r.Role));
        var change = Circulation.Start(id, CirculationKind.Agenda, (message.Sequence + 1).ToString(CultureInfo.InvariantCulture),
            sent[0].Due, now, everyone, secure.Allows, [.. sent.SelectMany(c => c.ReferralIds).Distinct(StringComparer.Ordinal)],
            message.Sequence, message.Cancelled);
        await circulator.CirculateAsync(change, (r, mailId) => mails.ForAsync(change, r, mailId, id, stored.Value, now, cancellationToken), cancellationToken);
    }
}
