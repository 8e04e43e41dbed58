using Iom.Application.Releases.Intake;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Security;

/// <summary>
/// A relay posting HMPPS domain events as published, signed by the same HMAC scheme as a prison
/// (<see cref="ReleaseSignatureCheck"/>) with keys of its own (<see cref="ReleaseSigningOptions.RelayKeys"/>): a prison's
/// key cannot post national events, nor a relay's key a prison's notification.
/// </summary>
public sealed class PrisonEventRelaySignature(ReleaseSignatureCheck check, IOptions<ReleaseSigningOptions> options) : IRequestSignature
{
    /// <summary>One domain event: a few hundred bytes in practice.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public string Scheme => ReleaseSignatureCheck.SignatureHeader;

    public string? NotConfiguredReason => options.Value.RelayKeys.Count == 0
        ? $"No relay signing key is configured ({ReleaseSigningOptions.SectionName}:RelayKeys), so relayed national events are refused (the queue still takes them)."
        : null;

    public ValueTask<string?> RefusalAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SignedRequest.RefusalAsync(check, headers, body, options.Value.RelayKeys.Contains, cancellationToken);
}
