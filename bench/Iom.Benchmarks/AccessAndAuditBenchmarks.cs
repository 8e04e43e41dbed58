using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Iom.Adapters.Local.Secrets;
using Iom.Adapters.Local.AuditAnchors;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Secrets;
using Iom.Application.Throttling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Iom.Benchmarks;

/// <summary>
/// What protection costs per request on the local store (one SQLite file): the shared rate limit an intake request
/// counts against, the audit record a read commits, and verifying every audit chain (the daily check). Cosmos DB's
/// round trips are slower and need measuring on a real account; these give the local floor and the scaling.
/// </summary>
[MemoryDiagnoser]
public class AccessAndAuditBenchmarks
{
    private const int People = 1000;
    private const int RecordsPerPerson = 5;

    private static readonly AuditActor Actor = new("user-1", "police", ["iom.referrer"]);

    private IDocumentStore documents = null!;
    private IDocumentStore populated = null!;
    private CallerRateLimit rateLimit = null!;
    private AuditTrail trail = null!;
    private int reads;

    [GlobalSetup]
    public void Setup()
    {
        documents = Store();
        rateLimit = new CallerRateLimit(documents, TimeProvider.System);
        trail = Trail(documents);

        populated = Store();
        var populating = Trail(populated);
        Parallel.For(0, People, new ParallelOptions { MaxDegreeOfParallelism = 4 }, person =>
        {
            for (var i = 0; i < RecordsPerPerson; i++)
            {
                populating.CommitAsync(Entry($"person-{person:D6}"), [], CancellationToken.None).GetAwaiter().GetResult();
            }
        });
    }

    /// <summary>One intake request's count against its caller's limit (a read and an ETag replace).</summary>
    [Benchmark]
    public async Task<bool> CountAnIntakeRequest() =>
        (await rateLimit.TryAcquireAsync("SubmitReferral", "user-1", int.MaxValue, TimeSpan.FromMinutes(1), CancellationToken.None)).Allowed;

    /// <summary>The audit record a read of a referral commits before it answers (head read, record + head in one commit).</summary>
    [Benchmark]
    public async Task<long> AuditARead() => (await trail.CommitAsync(Entry($"reader-{reads++ % 100}"), [], CancellationToken.None)).Sequence;

    /// <summary>Verifying every chain: 1,000 people with 5 records each.</summary>
    [Benchmark]
    public async Task<long> VerifyEveryChain() => (await new VerifyAuditChains(populated, Trail(populated), anchors, TimeProvider.System).HandleAsync(CancellationToken.None)).RecordsChecked;

    // The keyed chain as the local host runs it: a generated key through the configuration secret store, anchors in a file.
    private static readonly ConfigurationSecretStore Secrets = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [$"{ConfigurationSecretStore.SectionName}:{SecretNames.AuditChainKey}"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) })
        .Build());

    private readonly LocalAuditAnchorFile anchors = new(Options.Create(new LocalAuditAnchorOptions
    {
        File = Path.Combine(Directory.CreateTempSubdirectory("iom-bench-anchors-").FullName, "audit-anchors.jsonl"),
    }));

    private AuditTrail Trail(IDocumentStore store) => new(store, Secrets, anchors);

    private static AuditEntry Entry(string person) =>
        new(person, AuditOperation.Consultation, "referral/r1", Actor, "Benchmark", DateTimeOffset.UtcNow, "corr");

    private static SqliteDocumentStore Store() =>
        new(new SqliteDatabase(Path.Combine(Directory.CreateTempSubdirectory("iom-bench-").FullName, "iom.db")));
}
