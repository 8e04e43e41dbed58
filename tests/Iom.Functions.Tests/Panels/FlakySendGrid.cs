using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Tests.Panels;

/// <summary>
/// A stand-in for SendGrid's <c>POST /v3/mail/send</c> on Kestrel (a real server on loopback): it answers the failures
/// it is told to, one request each, then accepts (202) and records what it accepted, keyed by the idempotency key the
/// app sends with every message. <see cref="Hang"/> holds the request until the client gives up (a timeout), then
/// answers 503, so a timed-out message is one SendGrid did not take.
/// </summary>
internal sealed class FlakySendGrid : IAsyncDisposable
{
    public const int Hang = 0;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> failures = new();

    private FlakySendGrid(WebApplication app) => this.app = app;

    public string Url => app.Urls.First();

    /// <summary>Every message accepted: its idempotency key, first recipient and subject.</summary>
    public ConcurrentBag<(string Key, string To, string Subject)> Accepted { get; } = [];

    /// <summary>How many requests were answered with a failure (a hang counts when the client gave up).</summary>
    public int Failed => failed;

    private int failed;

    public static async Task<FlakySendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var double_ = new FlakySendGrid(app);
        app.MapPost("/v3/mail/send", (Func<HttpContext, Task<IResult>>)double_.SendAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return double_;
    }

    /// <summary>The next requests fail in this order: a status code (503, 500, 429 with Retry-After: 1) or <see cref="Hang"/>.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            failures.Enqueue(status);
        }
    }

    /// <summary>Whether every failure asked for has been served.</summary>
    public bool AllFailuresServed => failures.IsEmpty;

    private async Task<IResult> SendAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: CancellationToken.None);
        if (failures.TryDequeue(out var status))
        {
            Interlocked.Increment(ref failed);
            if (status == Hang)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up: nothing was taken.
                }

                return Results.StatusCode(503);
            }

            if (status == 429)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            return Results.StatusCode(status);
        }

        var root = body.RootElement;
        var personalization = root.GetProperty("personalizations")[0];
        Accepted.Add((
            root.GetProperty("custom_args").GetProperty("idempotency_key").GetString()!,
            personalization.GetProperty("to")[0].GetProperty("email").GetString()!,
            root.TryGetProperty("subject", out var subject) ? subject.GetString()! : personalization.GetProperty("subject").GetString()!));
        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
        return Results.StatusCode(202);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
