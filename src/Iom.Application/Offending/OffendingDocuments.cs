using System.Security.Cryptography;
using System.Text;
using Iom.Application.Ports.Documents;

namespace Iom.Application.Offending;

/// <summary>Where offending records and their source-reference claims live.</summary>
public static class OffendingDocuments
{
    /// <summary>The audit record's subject for a collection of offending records.</summary>
    public const string AuditSubject = "offending-records";

    public static DocumentKey ClaimOf(string sourceRef) => DocumentKey.Hashed(Containers.Identities, "offending-source", sourceRef);

    public static DocumentKey RecordOf(string personId, string sourceRef) => new(Containers.People, personId, RecordIdOf(sourceRef));

    /// <summary>One id per source reference, so the same record committed twice conflicts instead of doubling.</summary>
    public static string RecordIdOf(string sourceRef) => "offending-" + Sha256(sourceRef)[..40];

    public static string ContentHashOf(string fingerprint) => Sha256(fingerprint);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
