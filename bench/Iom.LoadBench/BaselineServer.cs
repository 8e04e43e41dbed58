using System.Text.Json;
using Iom.Application.Referrals.Submit;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Iom.LoadBench;

/// <summary>
/// The floor to compare the intake with: a bare Kestrel endpoint that parses the same JSON (the API's own options)
/// and makes one durable SQLite insert per request, on a connection string and journal mode like the app's adapter
/// (WAL, pooled connections, synchronous left at SQLite's default, as SqliteDatabase leaves it).
/// </summary>
internal sealed class BaselineServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private BaselineServer(WebApplication app, string connectionString)
    {
        this.app = app;
        ConnectionString = connectionString;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    public string ConnectionString { get; }

    public static async Task<BaselineServer> StartAsync(string directory, int stored, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "baseline.db"), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await Execute(connection, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS referrals (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;");
            await SeedAsync(connection, stored, cancellationToken);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/api/referrals", async (HttpRequest request) =>
        {
            var referral = await JsonSerializer.DeserializeAsync<SubmitReferralRequest>(request.Body, ApiJson.Options, request.HttpContext.RequestAborted);
            var id = Guid.NewGuid().ToString("N");
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO referrals (id, body) VALUES ($id, $body)";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(referral, ApiJson.Options));
            await insert.ExecuteNonQueryAsync();
            return Results.Json(new { id }, statusCode: StatusCodes.Status201Created);
        });
        await app.StartAsync(cancellationToken);
        return new BaselineServer(app, connectionString);
    }

    // The same number of rows as the app has referrals, in one transaction: the baseline's store is not empty either.
    private static async Task SeedAsync(SqliteConnection connection, int stored, CancellationToken cancellationToken)
    {
        if (stored == 0)
        {
            return;
        }

        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO referrals (id, body) VALUES ($id, $body)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var n = 0; n < stored; n++)
        {
            id.Value = Guid.NewGuid().ToString("N");
            body.Value = JsonSerializer.Serialize(Referrals.For(n, today), ApiJson.Options);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
