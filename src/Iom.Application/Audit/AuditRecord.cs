using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Audit;

/// <summary>
/// One s.62 log entry, in the partition of the person it is about, written in the same commit as the change it
/// records. Records form a hash chain per person: each carries the hash of the one before, so a record altered or
/// removed afterwards breaks the chain (see <see cref="AuditTrail.VerifyAsync(string, CancellationToken)"/>). The
/// chain is keyed: <see cref="Mac"/> is an HMAC-SHA256 of the record (its previous hash included) with the audit key
/// <see cref="KeyId"/> names, so whoever can write to the store but does not hold the key cannot rewrite a record
/// and recompute the hashes. Records written before the chain was keyed have neither (see <see cref="IsKeyed"/>).
/// </summary>
[DocumentKind("audit")]
public sealed record AuditRecord(
    string Id,
    string PersonId,
    long Sequence,
    AuditOperation Operation,
    string Subject,
    AuditActor Actor,
    string Purpose,
    DateTimeOffset At,
    string CorrelationId,
    IReadOnlyList<string>? Recipients,
    string PreviousHash,
    string Hash,
    string? KeyId = null,
    string? Mac = null)
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The purpose the caller stated (X-IOM-Purpose), beside the endpoint's declared <see cref="Purpose"/>, which it
    /// never replaces. Null when none was stated, and then left out of the stored JSON (and so out of the hash), so
    /// records written before this field existed still verify.
    /// </summary>
    public string? StatedPurpose { get; init; }

    /// <summary>
    /// For a disclosure that named several people (an e-mail about many referrals): the id it has in every named
    /// person's chain, so an auditor can find the others. Each chain gets a record of its own and none names the other
    /// people, since a person's log is handed to that person on a subject-access request. Left out when null, like
    /// <see cref="StatedPurpose"/>, so older records still verify.
    /// </summary>
    public string? DisclosureId { get; init; }

    /// <summary>How many people the disclosure <see cref="DisclosureId"/> named: how many chains hold a record of it.</summary>
    public int? DisclosurePeople { get; init; }

    public static string IdOf(long sequence) => $"audit-{sequence:D12}";

    // Derived, so never stored (and never part of what is hashed).
    [JsonIgnore]
    public bool IsKeyed => KeyId is not null || Mac is not null;

    /// <summary>SHA-256 over the record's canonical JSON with the hash and the MAC left out.</summary>
    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Canonical()));

    /// <summary>HMAC-SHA256 with <paramref name="key"/> over the same canonical JSON (which holds the key id and the previous hash).</summary>
    public string ComputeMac(byte[] key) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Canonical()));

    /// <summary>What seals the record in an anchor: its MAC, or for an unkeyed record its hash.</summary>
    [JsonIgnore]
    public string Seal => Mac ?? Hash;

    // Null fields are not written (DocumentJson), so a record from before the key has the bytes it was hashed with then.
    private byte[] Canonical() => JsonSerializer.SerializeToUtf8Bytes(this with { Hash = "", Mac = null }, DocumentJson.Options);
}
