using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Circulations;

/// <summary>
/// <c>POST /api/circulations/{id}/resend</c>: sends one recipient's e-mail again under a new mail id (so the once-only
/// ledger lets it go), saying what the first said with a fresh link. The circulation's resend count and the new mail
/// request are one commit, under the circulation's ETag.
/// </summary>
public sealed class ResendCirculation(IDocumentStore documents, MeetingPapers papers, CirculationMails mails, Circulator circulator, TimeProvider time)
{
    public static RefusalException NotFound() => new(RefusalKind.NotFound, "not-found", "There is no such circulation.");

    public async Task<CirculationResentView> HandleAsync(string circulationId, ResendCirculationRequest body, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(body.Recipient))
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["recipient"] = ["Enter the address to resend to"] });
        }

        if (!CirculationDocuments.TryParse(circulationId, out var id))
        {
            throw NotFound();
        }

        actor.Reach(id.Panel, NotFound);
        var stored = await documents.ReadAsync<Circulation>(CirculationDocuments.KeyOf(id, circulationId), cancellationToken) ?? throw NotFound();
        var meeting = (await papers.MeetingAsync(id, cancellationToken))?.Value ?? throw NotFound();
        CirculationResent resent;
        try
        {
            resent = stored.Value.Resend(body.Recipient, time.GetUtcNow());
        }
        catch (CirculationRefusedException refused)
        {
            throw new RefusalException(RefusalKind.Unprocessable, refused.Reason, refused.Message);
        }

        var now = time.GetUtcNow();
        var requests = new List<MailRequest>();
        foreach (var recipient in resent.Resent)
        {
            requests.Add(await mails.ForAsync(resent.Circulation, recipient, recipient.LatestMailId, id, meeting, now, cancellationToken));
        }

        await circulator.ReplaceAsync(id, resent.Circulation, stored.ETag, requests, now, cancellationToken);
        return new CirculationResentView(circulationId, resent.Resent[0].Email, requests.Count);
    }
}
