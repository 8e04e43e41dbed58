using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Iom.Application.Referrals.Submit;
using Iom.Application.Releases;
using Iom.Application.Releases.Intake;
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
/// (WAL, pooled connections, synchronous left at SQLite's default, as SqliteDatabase leaves it). Given a release key,
/// it also takes <c>POST /api/prison-releases</c>: the same HMAC check as the app's door (timestamp window, constant-time
/// compare), the same JSON, and one insert keyed by the signature, so a replay conflicts (401) as at the app.
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

    public static async Task<BaselineServer> StartAsync(string directory, int stored, CancellationToken cancellationToken, byte[]? releaseKey = null)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, "baseline.db"), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await Execute(connection, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS referrals (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID; CREATE TABLE IF NOT EXISTS releases (signature TEXT PRIMARY KEY, id TEXT NOT NULL, body TEXT NOT NULL) WITHOUT ROWID;");
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
        if (releaseKey is not null)
        {
            app.MapPost("/api/" + Iom.Functions.Releases.PrisonReleaseFunctions.Route, (HttpRequest request) => ReleaseAsync(request, releaseKey, connectionString));
        }

        await app.StartAsync(cancellationToken);
        return new BaselineServer(app, connectionString);
    }

    private static async Task<IResult> ReleaseAsync(HttpRequest request, byte[] key, string connectionString)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var body = buffer.ToArray();
        var header = request.Headers[ReleaseSignatureCheck.SignatureHeader].ToString().Split(',');
        var t = header.FirstOrDefault(p => p.StartsWith("t=", StringComparison.Ordinal))?[2..];
        var v1 = header.FirstOrDefault(p => p.StartsWith("v1=", StringComparison.Ordinal))?[3..];
        if (t is null || v1 is null || !long.TryParse(t, CultureInfo.InvariantCulture, out var seconds)
            || (DateTimeOffset.FromUnixTimeSeconds(seconds) - DateTimeOffset.UtcNow).Duration() > ReleaseSignatureCheck.Window
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ReleaseSignatureCheck.Sign(key, t, body)), Encoding.ASCII.GetBytes(v1)))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        }

        var report = JsonSerializer.Deserialize<ReleaseReportRequest>(body, ApiJson.Options);
        var id = "release-" + Guid.NewGuid().ToString("N");
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO releases (signature, id, body) VALUES ($signature, $id, $body)";
        insert.Parameters.AddWithValue("$signature", v1);
        insert.Parameters.AddWithValue("$id", id);
        insert.Parameters.AddWithValue("$body", JsonSerializer.Serialize(report, ApiJson.Options));
        try
        {
            await insert.ExecuteNonQueryAsync();
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: the signature was used before.
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        }

        return Results.Json(new { id }, statusCode: StatusCodes.Status202Accepted);
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
