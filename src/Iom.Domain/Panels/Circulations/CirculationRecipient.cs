using System.Globalization;

namespace Iom.Domain.Panels.Circulations;

/// <summary>
/// One recipient of a circulation. <see cref="Held"/>: the address is not on the secure-domain allow-list, so nothing
/// is sent to it and the co-ordinator sees it listed instead. Whether a queued e-mail has gone is the mail ledger's to
/// say (by <see cref="MailId"/>), not this document's, so sending never has to write here.
/// </summary>
/// <param name="MailId">The idempotency key of the e-mail to this recipient: derived from the circulation id and the address, so circulating again sends nothing twice.</param>
/// <param name="Details">Plain values this recipient's own e-mail needs (<see cref="CirculationAddressee.Details"/>).</param>
/// <param name="Resends">How many times the co-ordinator has resent it; each resend has a mail id of its own (<see cref="ResendMailId"/>).</param>
public sealed record CirculationRecipient(
    string Email,
    string? Name,
    RecipientRole Role,
    string MailId,
    bool Held,
    string? Subject = null,
    IReadOnlyDictionary<string, string>? Details = null,
    int Resends = 0,
    DateTimeOffset? LastResentAt = null)
{
    /// <summary>The mail id of the <paramref name="resend"/>th resend (from 1).</summary>
    public string ResendMailId(int resend) => MailId + "-resend-" + resend.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mail id of the latest e-mail to this recipient: the original or the last resend.</summary>
    public string LatestMailId => Resends == 0 ? MailId : ResendMailId(Resends);

    public string? Detail(string name) => Details?.GetValueOrDefault(name);
}
