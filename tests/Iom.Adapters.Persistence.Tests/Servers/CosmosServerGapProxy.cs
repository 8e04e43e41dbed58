using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>
/// A loopback HTTPS reverse proxy in front of @vercel/cosmosdb-server that fills two gaps of the server (README.md):
/// <list type="bullet">
/// <item>a point read of a missing item, which the server answers 500 (its read handler dereferences the missing item:
/// "Cannot read properties of undefined"), is answered 404 NotFound, as a real account answers;</item>
/// <item>a query-plan request (the .NET SDK on Linux asks the gateway for the plan of every cross-partition query),
/// which the server does not implement, is answered with the plan an account gives a plain filter query: no ordering,
/// aggregates, DISTINCT, TOP or OFFSET, over the whole key range. The query itself then goes to the server.</item>
/// </list>
/// Every other request and answer passes unchanged. It serves the server's own self-signed certificate, so the client
/// is configured exactly as for the bare server.
/// </summary>
public sealed partial class CosmosServerGapProxy : IAsyncDisposable
{
    private const string NotFoundBody = """{"code":"NotFound","message":"Entity with the specified id does not exist in the system."}""";

    // What an account answers for a cross-partition query with a WHERE clause and nothing else.
    private const string PlainFilterPlan = """
        {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,"orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":[],"groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":false,"dCountInfo":null,"hasNonStreamingOrderBy":false},"queryRanges":[{"min":"","max":"FF","isMinInclusive":true,"isMaxInclusive":false}]}
        """;

    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Host", "Proxy-Connection",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private int _rewritten;
    private int _plans;

    private CosmosServerGapProxy(WebApplication app, HttpClient upstream, Uri address)
    {
        _app = app;
        _upstream = upstream;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>How many missing-item answers were changed from 500 to 404 (a test checks the gap is still there).</summary>
    public int RewrittenCount => Volatile.Read(ref _rewritten);

    /// <summary>How many query plans the server could not give and the proxy did (a test checks the gap is still there).</summary>
    public int PlansAnsweredCount => Volatile.Read(ref _plans);

    public static async Task<CosmosServerGapProxy> StartAsync(Uri upstreamAddress, string certificatePem, string keyPem)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificatePem, keyPem);
        var upstream = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.Subject == cert.Issuer },
        })
        { BaseAddress = upstreamAddress };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        CosmosServerGapProxy? proxy = null;
        app.Run(context => proxy!.ForwardAsync(context));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        proxy = new CosmosServerGapProxy(app, upstream, new Uri(address));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var isPlanRequest = context.Request.Method == HttpMethods.Post && context.Request.Headers["x-ms-cosmos-is-query-plan-request"] == "True";
        byte[]? planRequestBody = null;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
        if (isPlanRequest)
        {
            // Kept, to plan the query here if the server cannot.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            planRequestBody = buffer.ToArray();
            request.Content = new ByteArrayContent(planRequestBody);
        }
        else if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (!HopByHopHeaders.Contains(name) && !request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        if (response.StatusCode == HttpStatusCode.InternalServerError && context.Request.Method == HttpMethods.Get && ItemPath().IsMatch(context.Request.Path.Value ?? ""))
        {
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            if (body.Contains("Cannot read properties of undefined", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _rewritten);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(NotFoundBody, context.RequestAborted);
                return;
            }

            await WriteAsync(context, response, body);
            return;
        }

        if (planRequestBody is not null)
        {
            var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
            if (!(response.IsSuccessStatusCode && body.Contains("\"queryRanges\"", StringComparison.Ordinal)))
            {
                await AnswerQueryPlanAsync(context, planRequestBody);
                return;
            }

            await WriteAsync(context, response, body);
            return;
        }

        await WriteAsync(context, response, body: null);
    }

    private async Task AnswerQueryPlanAsync(HttpContext context, byte[] requestBody)
    {
        using var json = JsonDocument.Parse(requestBody);
        var query = json.RootElement.GetProperty("query").GetString() ?? "";
        context.Response.ContentType = "application/json";
        // A query scoped to one partition may also be ordered: the server holds everything in one range and orders
        // it itself, so the plain plan (one range, nothing for the SDK to merge) is what an account's plan amounts to.
        if (NeedsARealPlan().IsMatch(SinglePartitionOrder().Replace(query, "")))
        {
            // Only an account can plan this; say so rather than let the SDK misread a made-up plan.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("""{"code":"BadRequest","message":"The test proxy plans plain filter queries only."}""", context.RequestAborted);
            return;
        }

        Interlocked.Increment(ref _plans);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.WriteAsync(PlainFilterPlan, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, HttpResponseMessage response, string? body)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHopHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (body is null)
        {
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        else
        {
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
    }

    [GeneratedRegex(@"\b(ORDER\s+BY|GROUP\s+BY|DISTINCT|TOP|OFFSET|LIMIT|VALUE|COUNT|SUM|MIN|MAX|AVG)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NeedsARealPlan();

    [GeneratedRegex(@"(?<=\bc\.pk\s*=\s*@pk\b.*)\s+ORDER\s+BY\s+[A-Za-z0-9_.]+\s*$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SinglePartitionOrder();

    [GeneratedRegex("^/dbs/[^/]+/colls/[^/]+/docs/[^/]+/?$")]
    private static partial Regex ItemPath();
}
