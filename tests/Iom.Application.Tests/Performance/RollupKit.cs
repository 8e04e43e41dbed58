using System.Globalization;
using Iom.Adapters.Sqlite;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Identity;
using Iom.Application.Performance;
using Iom.Application.Performance.Rollups;
using Iom.Application.Ports.Documents;
using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Performance;

/// <summary>A SQLite file, a clock the test moves, and the rollup job and handlers over them.</summary>
public sealed class RollupKit : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("iom-rollups-").FullName;
    private readonly SqliteDatabase database;

    /// <param name="wrap">A store around the real one (counting reads, failing a write), used by the rollup job only.</param>
    public RollupKit(string now = "2026-11-15T12:00:00Z", IPerformanceFactSource? source = null, Func<IDocumentStore, IDocumentStore>? wrap = null, Ni30Options? ni30 = null)
    {
        database = new SqliteDatabase(Path.Combine(folder, "iom.db"));
        Time = new FakeTimeProvider(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture));
        Real = new SqliteDocumentStore(database, Time);
        Documents = wrap is null ? Real : wrap(Real);
        this.source = source;
        Writer = new RollupWriter(Documents, new WorkingDayCalendar(), Options.Create(ni30 ?? new Ni30Options()));
        Feed = new SqliteDocumentChangeFeed(database, Time);
    }

    /// <summary>The agencies the rollup tests' referrals come from; any other value is counted as "unknown".</summary>
    public static AgencyList Agencies { get; } = new([new Agency("police", "Police"), new Agency("probation", "Probation Service"), new Agency("council", "Council")]);

    public IDocumentChangeFeed Feed { get; }

    public FakeTimeProvider Time { get; }

    public IDocumentStore Documents { get; }

    /// <summary>The SQLite store itself, under any wrapper: what a test seeds through.</summary>
    public IDocumentStore Real { get; }

    private readonly IPerformanceFactSource? source;

    /// <summary>The list the job and the full pass key agencies with: a test may change it between nights.</summary>
    public AgencyList CurrentAgencies { get; set; } = Agencies;

    public IPerformanceFactSource Source => source ?? new DocumentFactSource(Documents, CurrentAgencies);

    public RollupWriter Writer { get; }

    public NightlyRollups Nightly => new(Documents, Incremental, Time);

    public IncrementalRollups Incremental => new(Documents, Feed, Source, Writer, new WorkingDayCalendar(), CurrentAgencies);

    public RecomputeRollup Recompute => new(Source, Writer, Time);

    public GetRollup Get => new(Documents);

    public static ActingAs Analyst { get; } =
        new(new Caller("0b1c7a52-0000-4000-8000-0000000000a1", "An Analyst", null, "council", new HashSet<string> { Roles.Analyst }), "corr-rollups", "test")
        {
            Scope = new ObjectScope(new RollupAccess(), new HashSet<string> { Roles.Analyst, Roles.Coordinator }),
        };

    /// <summary>The body exactly as SQLite holds it.</summary>
    public async Task<string?> StoredBodyAsync(DocumentKey key)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM documents WHERE container = $c AND pk = $p AND id = $i";
        command.Parameters.Add(new SqliteParameter("$c", key.Container));
        command.Parameters.Add(new SqliteParameter("$p", key.Partition));
        command.Parameters.Add(new SqliteParameter("$i", key.Id));
        return await command.ExecuteScalarAsync() as string;
    }

    public void Dispose()
    {
        database.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
