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

    public ValueTask<string> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
        name == SecretNames.AuditChainKey ? ValueTask.FromResult(Keys) : throw new SecretNotFoundException(name);
}
