using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Iom.Functions.Http;
using Iom.Functions.Tests.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// Requests no function takes get problem details from the catch-all function, the same one the worker runs in Azure;
/// and the catch-all never takes a request a function should have.
/// </summary>
public sealed class FallbackTests : IAsyncLifetime
{
    private const string ProbeHeader = "X-Test-Probe";

    private readonly EndpointRecorder recorder = new();
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        host = await RunningLocalHost.StartAsync(overrideServices: services => services.AddSingleton<IStartupFilter>(recorder));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private async Task<(HttpResponseMessage Response, JsonElement Problem)> SendAsync(string method, string path)
    {
        var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        response.Headers.Contains(HttpPipeline.CorrelationHeader).ShouldBeTrue();
        return (response, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    [Theory]
    [InlineData("GET", "/api/no-such-endpoint")]
    [InlineData("POST", "/api/referrals/7/no-such-action")]
    [InlineData("DELETE", "/api")]
    [InlineData("PROPFIND", "/api/healthz")]
    [InlineData("POST", "/api/probe/echo/not-a-number")] // the route's {id:int} constraint rules it out
    public async Task A_path_no_function_route_matches_gets_404_problem_details(string method, string path)
    {
        var (response, problem) = await SendAsync(method, path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:not-found");
        problem.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Theory]
    [InlineData("DELETE", "/api/health", "GET")]
    [InlineData("PUT", "/api/referrals/new", "GET, POST")]
    [InlineData("POST", "/api/assets/govuk-frontend.min.css", "GET")]
    [InlineData("HEAD", "/api/probe/echo/7", "POST")]
    [InlineData("FOO", "/api/referrals/" + RouteSamples.Guid, "GET")]
    public async Task A_known_path_with_a_method_its_functions_do_not_take_gets_405_problem_details_with_allow(string method, string path, string allow)
    {
        var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(allow.Split(", "));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        if (method != "HEAD")
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            problem.GetProperty("type").GetString().ShouldBe("urn:iom:problem:method-not-allowed");
            problem.GetProperty("status").GetInt32().ShouldBe(405);
        }
    }

    /// <summary>
    /// Every function of the app, with each of its methods, at a path made from its own route template: the local
    /// host routes it to that function, never to the catch-all. No principal is sent, so nothing runs past the pipeline
    /// except what anyone may call.
    /// </summary>
    [Fact]
    public async Task No_function_route_is_shadowed_by_the_catch_all()
    {
        var sent = new Dictionary<string, string>();
        foreach (var function in FunctionCatalog.ForApp().Http.Where(f => f.Name != FallbackFunction.Name))
        {
            foreach (var verb in function.Verbs)
            {
                var id = $"{function.Name} {verb}";
                var request = new HttpRequestMessage(new HttpMethod(verb), RouteSamples.PathFor(function.Route));
                request.Headers.Add(ProbeHeader, id);
                (await host.Client.SendAsync(request, Ct)).StatusCode.ShouldNotBe(HttpStatusCode.MethodNotAllowed, id);
                sent[id] = function.Name;
            }
        }

        var unknown = new HttpRequestMessage(HttpMethod.Get, "/api/no-such-endpoint");
        unknown.Headers.Add(ProbeHeader, "unknown");
        await host.Client.SendAsync(unknown, Ct);

        sent.Count.ShouldBeGreaterThan(10);
        sent.Where(s => recorder.Endpoints.GetValueOrDefault(s.Key) != s.Value).Select(s => $"{s.Key} went to {recorder.Endpoints.GetValueOrDefault(s.Key)}").ShouldBeEmpty();
        recorder.Endpoints["unknown"].ShouldBe(FallbackFunction.Name);
    }

    /// <summary>
    /// In Azure the Functions host tries the functions' routes in the order of their names and the first match wins
    /// (see <see cref="FallbackFunction"/>): the catch-all must come last however the names are compared.
    /// </summary>
    [Fact]
    public void The_catch_alls_name_sorts_after_every_other_http_functions_name()
    {
        var names = FunctionCatalog.ForApp().Http.Select(f => f.Name).ToList();

        foreach (var comparer in new[] { StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase, StringComparer.InvariantCulture })
        {
            names.Order(comparer).Last().ShouldBe(FallbackFunction.Name);
        }
    }

    [Fact]
    public void The_catch_all_takes_every_method_under_the_route_prefix_that_host_json_sets()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var fallback = FunctionCatalog.ForApp().FindHttp(FallbackFunction.Name)!;

        hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString().ShouldBe(FunctionCatalog.RoutePrefix);
        fallback.AnyMethod.ShouldBeTrue();
        fallback.Route.ShouldBe("{*path}");
        fallback.Policy!.Anonymous.ShouldBeTrue();
    }

    /// <summary>Records, by the test's probe header, the name of the endpoint routing chose for each request.</summary>
    private sealed class EndpointRecorder : IStartupFilter
    {
        public ConcurrentDictionary<string, string> Endpoints { get; } = new();

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                if (context.Request.Headers.TryGetValue(ProbeHeader, out var id))
                {
                    Endpoints[id.ToString()] = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "(no endpoint)";
                }
            });
            next(app);
        };
    }
}
