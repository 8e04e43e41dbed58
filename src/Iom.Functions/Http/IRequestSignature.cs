using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

/// <summary>One kind of signing caller (<see cref="SignedByAttribute"/>): how its requests prove where they come from.</summary>
public interface IRequestSignature
{
    /// <summary>The header(s) carrying the signature, named in <c>WWW-Authenticate</c> on a refusal.</summary>
    string Scheme { get; }

    /// <summary>Why no request can be admitted (no key configured), or null; health reports it.</summary>
    string? NotConfiguredReason { get; }

    /// <summary>
    /// Checks the request before the function runs. Asynchronous because a check may need a store (a replayed
    /// signature is recognised by a record of the ones accepted) or the secret port (the caller's key).
    /// </summary>
    /// <returns>Why the request is refused (unsigned, forged, altered, stale, replayed), or null when it is the caller's.</returns>
    ValueTask<string?> RefusalAsync(IHeaderDictionary headers, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
