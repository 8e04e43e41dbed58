using System.Text.Json.Serialization;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Intake;

/// <summary>
/// A release-notification signature that was accepted: created only if absent, in the operations container in a
/// partition of its own, so the same signature a second time conflicts and is refused as a replay. Kept only until the
/// signature's timestamp would be refused anyway (<see cref="ReleaseSignatureCheck.Window"/>); nothing about the person.
/// </summary>
[DocumentKind("accepted-signature")]
public sealed record AcceptedSignature(string KeyId, DateTimeOffset SignedAt, DateTimeOffset AcceptedAt, TimeSpan Lifetime) : IExpiringDocument
{
    [JsonIgnore]
    public TimeSpan? TimeToLive => Lifetime;
}
