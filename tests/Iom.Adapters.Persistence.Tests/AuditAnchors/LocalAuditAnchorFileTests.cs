using Iom.Adapters.Local.AuditAnchors;
using Iom.Application.Ports.AuditAnchors;
using Microsoft.Extensions.Options;

namespace Iom.Adapters.Persistence.Tests.AuditAnchors;

/// <summary>The local twin: one file in a fresh folder per test.</summary>
public sealed class LocalAuditAnchorFileTests : AuditAnchorContract
{
    private readonly string file = Path.Combine(Directory.CreateTempSubdirectory("iom-anchor-file-").FullName, "audit-anchors.jsonl");

    protected override IAuditAnchorStore NewStore() => new LocalAuditAnchorFile(Options.Create(new LocalAuditAnchorOptions { File = file }));

    protected override Task AppendRawAsync(IAuditAnchorStore store, DateTimeOffset day, string text) => File.AppendAllTextAsync(file, text, Ct);
}
