using System.Security.Cryptography;
using Iom.Adapters.Local.AuditAnchors;
using Iom.Application.Audit;
using Iom.Application.Ports.AuditAnchors;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;
using Microsoft.Extensions.Options;

namespace Iom.Application.Tests.Audit;

/// <summary>
/// What an audit trail needs besides the store: the audit key (a secret that a test can rotate) and an anchor store
/// (the local anchor file, in a folder of its own).
/// </summary>
public sealed class AuditKit : ISecretStore
{
    public AuditKit(IDocumentStore documents) => Documents = documents;

    public IDocumentStore Documents { get; }

    /// <summary>The value of secret Audit-ChainKey: comma-separated base64 keys, the first signing.</summary>
    public string Keys { get; set; } = NewKey();

    public IAuditAnchorStore Anchors { get; } = new LocalAuditAnchorFile(Options.Create(new LocalAuditAnchorOptions
    {
        File = Path.Combine(Directory.CreateTempSubdirectory("iom-anchors-").FullName, "audit-anchors.jsonl"),
    }));

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public AuditTrail Trail(IDocumentStore? documents = null) => new(documents ?? Documents, this, Anchors);

    public VerifyAuditChains Verify(IDocumentStore? documents = null, TimeProvider? time = null) =>
        new(documents ?? Documents, Trail(documents), Anchors, time ?? TimeProvider.System);

    /// <summary>Appends <paramref name="records"/> consultations to the person's chain, one commit each, as reads would.</summary>
    public async Task AppendAsync(string person, int records, CancellationToken cancellationToken)
    {
        var at = new DateTimeOffset(2026, 12, 14, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < records; i++)
        {
            await Trail().CommitAsync(new AuditEntry(person, AuditOperation.Consultation, $"referral/r{i}",
                new AuditActor("u1", "police", ["iom.coordinator"]), "Testing", at.AddMinutes(i), "corr-1"), [], cancellationToken);
        }
    }

    public ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
        name == SecretNames.AuditChainKey ? ValueTask.FromResult(Keys) : throw new SecretNotFoundException(name);
}
