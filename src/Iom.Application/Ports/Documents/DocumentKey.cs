namespace Iom.Application.Ports.Documents;

/// <summary>
/// Where a document lives. <see cref="Partition"/> is the partition key value: everything that must change
/// together (a person's referrals, alerts and audit records) shares one, so it can be written in one commit.
/// </summary>
public readonly record struct DocumentKey(string Container, string Partition, string Id)
{
    public override string ToString() => $"{Container}/{Partition}/{Id}";

    /// <summary>
    /// The key of a document named by free text (an idempotency key, a caller's id), which may hold any characters:
    /// its id is the text's SHA-256 in hex, always a valid id, and the first two hex digits spread such documents over
    /// 256 partitions named <paramref name="partitionPrefix"/>-xx.
    /// </summary>
    public static DocumentKey Hashed(string container, string partitionPrefix, string text)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
        return new DocumentKey(container, $"{partitionPrefix}-{hash[..2]}", hash);
    }
}
