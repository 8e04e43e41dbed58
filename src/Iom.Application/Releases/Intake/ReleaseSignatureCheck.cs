using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Logging;

namespace Iom.Application.Releases.Intake;

/// <summary>
/// The HMAC scheme prisons and relays sign with (docs/releases.md, "Intake doors"): <c>X-Iom-Key-Id</c> names the key,
/// <c>X-Iom-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "&lt;t&gt;.&lt;raw body&gt;"&gt;</c>, several
/// <c>v1=</c> allowed (a sender part way through rotating signs with both keys), compared in constant time. A
/// timestamp more than <see cref="Window"/> from now is refused, and so is a signature accepted before: each accepted
/// one is recorded (<see cref="AcceptedSignature"/>, create-only) before the body is processed, so of ten copies sent
/// at once exactly one gets through — the record is the lock, and nothing else needs one.
/// </summary>
public sealed partial class ReleaseSignatureCheck(ISecretStore secrets, IDocumentStore documents, TimeProvider time, ILogger<ReleaseSignatureCheck> logger)
{
    public const string KeyIdHeader = "X-Iom-Key-Id";
    public const string SignatureHeader = "X-Iom-Signature";

    /// <summary>How far the signed timestamp may be from this app's clock, either way.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Clocks of two app instances may differ a little: a record outlives its window by this much.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    /// <summary>More parts than any sender needs (a timestamp and a signature per key being rotated) is not a sender's.</summary>
    public const int MaxParts = 8;

    private const int SignatureHexLength = 64;

    /// <param name="admits">Whether this door takes the key id (a prison's ids at one door, a relay's at another).</param>
    /// <returns>Why the request is refused (401), or null when it is signed by <paramref name="keyId"/> and new.</returns>
    public async ValueTask<string?> RefusalAsync(
        string? keyId, string? signature, ReadOnlyMemory<byte> body, Func<string, bool> admits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admits);
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(signature))
        {
            return "The request is not signed: send X-Iom-Key-Id and X-Iom-Signature.";
        }

        if (!ReleaseSigningOptionsValidator.IsKeyId(keyId) || !admits(keyId))
        {
            return "The key id is not one this endpoint accepts.";
        }

        if (Parse(signature) is not { } parsed)
        {
            return "The signature header is malformed: expected t=<unix seconds>,v1=<64 hex digits>.";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(parsed.Seconds);
        var now = time.GetUtcNow();
        if ((signedAt - now).Duration() > Window)
        {
            return "The signature timestamp is not within five minutes of now.";
        }

        if (await KeysAsync(keyId, cancellationToken).ConfigureAwait(false) is not { } keys)
        {
            return "The key id is not one this endpoint accepts.";
        }

        if (Matching(keys, parsed, body.Span) is not { } matched)
        {
            return "The signature does not match.";
        }

        return await RecordAsync(keyId, parsed.Timestamp, matched, signedAt, now, cancellationToken).ConfigureAwait(false)
            ? null
            : "The signature has been used before: sign each request afresh.";
    }

    /// <summary>The hex HMAC-SHA256 a sender puts in <c>v1=</c>: over the timestamp's digits, a full stop, then the raw body.</summary>
    public static string Sign(byte[] key, string timestamp, ReadOnlySpan<byte> body) => Convert.ToHexStringLower(Mac(key, timestamp, body));

    private static byte[] Mac(byte[] key, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }

    private static byte[]? Matching(SymmetricKeys keys, ParsedSignature parsed, ReadOnlySpan<byte> body)
    {
        byte[]? matched = null;
        foreach (var key in keys.All)
        {
            var expected = Mac(key.Key, parsed.Timestamp, body);
            foreach (var candidate in parsed.Signatures)
            {
                // Every comparison runs, in constant time: how far a forgery got says nothing.
                if (CryptographicOperations.FixedTimeEquals(expected, candidate))
                {
                    matched ??= candidate;
                }
            }
        }

        return matched;
    }

    private async Task<SymmetricKeys?> KeysAsync(string keyId, CancellationToken cancellationToken)
    {
        var name = SecretNames.ReleaseSigningKey(keyId);
        try
        {
            return await SymmetricKeys.ReadAsync(secrets, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is SecretNotFoundException or MalformedSecretException)
        {
            // Configured but not usable: the sender cannot fix it, the operator must (the message names no value).
            LogKeyUnusable(logger, keyId, exception.Message);
            return null;
        }
    }

    /// <returns>False when the same signature was accepted before (a replay).</returns>
    private async Task<bool> RecordAsync(string keyId, string timestamp, byte[] matched, DateTimeOffset signedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The key id and timestamp are in the hash with the signature that matched (not the header as sent, whose other
        // v1= values a replayer could change at will).
        var id = "signature-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{keyId}\n{timestamp}\n{Convert.ToHexStringLower(matched)}")))[..40];
        var lifetime = signedAt + Window + ClockMargin - now;
        try
        {
            await documents.CommitAsync(Containers.Operations, id, [DocumentWrite.Create(id, new AcceptedSignature(keyId, signedAt, now, lifetime))], cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (DocumentConflictException)
        {
            return false;
        }
    }

    private static ParsedSignature? Parse(string header)
    {
        var parts = header.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length > MaxParts)
        {
            return null;
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in parts)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var (name, value) = (part[..equals], part[(equals + 1)..]);
            switch (name)
            {
                // Seconds since 1970, digits only: a sign or a space would parse and still verify.
                case "t" when timestamp is null && value.Length is > 0 and <= 12 && value.All(char.IsAsciiDigit):
                    timestamp = value;
                    break;
                case "t":
                    return null;
                case "v1" when value.Length == SignatureHexLength && value.All(char.IsAsciiHexDigit):
                    signatures.Add(Convert.FromHexString(value));
                    break;
                case "v1":
                    return null;
                default:
                    // Another scheme (a later version): not ours to judge, as Stripe's verifiers do.
                    break;
            }
        }

        return timestamp is not null && signatures.Count > 0
            ? new ParsedSignature(timestamp, long.Parse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture), signatures)
            : null;
    }

    private sealed record ParsedSignature(string Timestamp, long Seconds, IReadOnlyList<byte[]> Signatures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Release signing key {KeyId} is configured but its secret cannot be used: {Problem}")]
    private static partial void LogKeyUnusable(ILogger logger, string keyId, string problem);
}
