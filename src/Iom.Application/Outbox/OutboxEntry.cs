using System.Text.Json;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Outbox;

/// <summary>
/// A side effect of a change, stored in the same commit as the change and in its partition: "send this message to
/// this queue". <see cref="OutboxRelay"/> dispatches it and then deletes it, so a change cannot be stored without its
/// side effects or they happen without it. Dispatch is at least once: the handler behind the queue must be idempotent,
/// keyed by <see cref="Id"/> or by a business key that is one-to-one with it (an acknowledgement's referral id).
/// </summary>
/// <param name="Id">The document id, <c>outbox-…</c>; unique in its partition, so committing the same change twice conflicts.</param>
[DocumentKind("outbox-entry")]
public sealed record OutboxEntry(string Id, string Queue, string Message, DateTimeOffset CreatedAt)
{
    public const string IdPrefix = "outbox-";

    /// <param name="name">What the entry is for and what it is about, e.g. <c>referral-acknowledgement-{referralId}</c>.</param>
    public static OutboxEntry For<T>(string name, string queue, T message, DateTimeOffset createdAt) =>
        new(IdPrefix + name, queue, JsonSerializer.Serialize(message, DocumentJson.Options), createdAt);

    /// <summary>The write that stores this entry, for the change's commit.</summary>
    public DocumentWrite Write() => DocumentWrite.Create(Id, this);
}
