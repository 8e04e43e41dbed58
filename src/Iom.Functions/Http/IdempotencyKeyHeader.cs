using Iom.Application.Errors;
using Iom.Application.Idempotency;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

/// <summary>
/// The Idempotency-Key request header (IETF draft-ietf-httpapi-idempotency-key-header): one value of 1–255 printable
/// ASCII characters. Anything else is refused with 400 before any work is done.
/// </summary>
public static class IdempotencyKeyHeader
{
    public const string Name = "Idempotency-Key";

    /// <returns>The key, or null when the request has none.</returns>
    /// <exception cref="ValidationFailedException">The header is there but empty, repeated, too long or not printable.</exception>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.TryGetValue(Name, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        return IdempotencyLedger.IsWellFormed(key)
            ? key
            : throw ValidationFailedException.For(Name,
                $"Send one Idempotency-Key of 1 to {IdempotencyLedger.MaxKeyLength} printable ASCII characters (e.g. a UUID), or none.");
    }
}
