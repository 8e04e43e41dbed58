using Iom.Application.Releases.Intake;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Security;

/// <summary>
/// A prison's system signing release notifications with one of its keys (<see cref="ReleaseSigningOptions.PrisonKeys"/>),
/// by the HMAC scheme of <see cref="ReleaseSignatureCheck"/>. A key speaks for one prison only: the function refuses a
/// notification about another prison (403, <see cref="PrisonOf"/>).
/// </summary>
public sealed class PrisonReleaseSignature(ReleaseSignatureCheck check, IOptions<ReleaseSigningOptions> options) : IRequestSignature
{
    /// <summary>A notification is one person's release: 64 KiB is far above any real one and bounds what is hashed.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    public string Scheme => ReleaseSignatureCheck.SignatureHeader;

    public string? NotConfiguredReason => options.Value.PrisonKeys.Count == 0
        ? $"No prison signing key is configured ({ReleaseSigningOptions.SectionName}:PrisonKeys), so signed release notifications are refused."
        : null;

    public ValueTask<string?> RefusalAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        SignedRequest.RefusalAsync(check, headers, body, options.Value.PrisonKeys.ContainsKey, cancellationToken);

    /// <summary>The prison the request's (verified) key speaks for.</summary>
    public string PrisonOf(HttpRequest request) =>
        options.Value.PrisonKeys.TryGetValue(SignedRequest.KeyIdOf(request), out var prison)
            ? prison
            : throw new InvalidOperationException("The request was not signed by a prison's key.");
}
