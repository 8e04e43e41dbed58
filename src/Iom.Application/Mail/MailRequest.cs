using System.Globalization;
using System.Text.Json;
using Iom.Application.Outbox;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Mail;

namespace Iom.Application.Mail;

/// <summary>
/// An e-mail as a flow asks for it: written as an outbox entry in the commit of the change that causes it, relayed to
/// the <see cref="OutgoingMail.QueueName"/> queue and sent by <see cref="SendQueuedMail"/>, the one place that renders,
/// checks recipients, audits and sends. A flow never renders or sends an e-mail itself.
/// </summary>
/// <param name="Id">The idempotency key, one-to-one with the business event and its recipients: never sent twice, and the disclosure id in the audit log.</param>
/// <param name="Template">The e-mail's templates, e.g. <c>Mail/Referrals/acknowledgement</c>.</param>
/// <param name="Model">
/// The values the templates read, by name. References, dates, panel names and links only: never a name, date of birth
/// or identifier of a person, since the model travels through the outbox and the queue and ends in the e-mail.
/// </param>
/// <param name="Discloses">The people whose logs record the e-mail as a disclosure; null when it is about nobody.</param>
/// <param name="Attachments">Files sent with it (an invitation); absent in requests queued before there were any.</param>
public sealed record MailRequest(
    string Id, string Template, IReadOnlyDictionary<string, string?> Model, IReadOnlyList<MailAddress> To, MailDisclosure? Discloses,
    IReadOnlyList<MailAttachment>? Attachments = null)
{
    /// <summary>
    /// Whom to tell if the provider reports that the e-mail bounced or was dropped for a recipient (a co-ordinator);
    /// null: nobody. Optional, so a request queued before it existed still reads.
    /// </summary>
    public MailAddress? ReportFailuresTo { get; init; }

    /// <summary>A request whose model is the public properties of <paramref name="model"/> as strings, by their JSON (camelCase) names.</summary>
    public static MailRequest Of(string id, string template, object model, IReadOnlyList<MailAddress> to, MailDisclosure? discloses, IReadOnlyList<MailAttachment>? attachments = null)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in JsonSerializer.SerializeToElement(model, DocumentJson.Options).EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                JsonValueKind.Null => null,
                _ => throw new ArgumentException($"A mail model holds plain values only; {property.Name} is {property.Value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}.", nameof(model)),
            };
        }

        return new MailRequest(id, template, values, to, discloses, attachments);
    }

    /// <summary>The outbox entry that sends this e-mail, for the commit of the change that causes it.</summary>
    /// <param name="name">What it is for and about, unique in the partition, e.g. <c>referral-acknowledgement-{referralId}</c>.</param>
    public OutboxEntry ToOutbox(string name, DateTimeOffset createdAt) => OutboxEntry.For("mail-" + name, OutgoingMail.QueueName, this, createdAt);
}
