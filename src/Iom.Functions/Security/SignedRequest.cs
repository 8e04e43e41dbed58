using Iom.Application.Releases.Intake;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Security;

/// <summary>The headers of the release doors' HMAC scheme, read once for both signers.</summary>
internal static class SignedRequest
{
    public static ValueTask<string?> RefusalAsync(
        ReleaseSignatureCheck check, IHeaderDictionary headers, ReadOnlyMemory<byte> body, Func<string, bool> admits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var keyId = headers[ReleaseSignatureCheck.KeyIdHeader];
        var signature = headers[ReleaseSignatureCheck.SignatureHeader];
        // A header sent twice is not a sender's: refuse rather than pick one.
        return keyId.Count > 1 || signature.Count > 1
            ? ValueTask.FromResult<string?>("The signature headers are repeated.")
            : check.RefusalAsync(keyId.ToString(), signature.ToString(), body, admits, cancellationToken);
    }

    /// <summary>The key id of a request the pipeline has verified.</summary>
    public static string KeyIdOf(HttpRequest request) =>
        (request ?? throw new ArgumentNullException(nameof(request))).Headers[ReleaseSignatureCheck.KeyIdHeader].ToString();
}
