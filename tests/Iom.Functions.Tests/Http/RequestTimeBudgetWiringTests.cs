using System.Collections.Immutable;
using Iom.Functions.Http;
using Iom.LocalHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// How the time budget reaches a function in the Azure worker, which cannot run here: the worker binds a
/// CancellationToken parameter through its input converters, so the pipeline's converter is driven here as the worker
/// drives it. And the limits' validation at start-up.
/// </summary>
public sealed class RequestTimeBudgetWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpPipeline Pipeline(TimeSpan budget) => new(
        NullLogger<HttpPipeline>.Instance,
        new AppServiceAuthentication(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Options.Create(new IdentityProviderOptions())),
        Options.Create(new IdentityProviderOptions()),
        Options.Create(new RateLimitOptions()),
        Options.Create(new HttpLimitOptions { RequestTimeout = budget, BodyReadTimeout = budget / 2 }),
        // Health is neither rate-limited nor about objects: the store and the services are never asked.
        new Iom.Application.Throttling.CallerRateLimit(new Iom.Adapters.Sqlite.SqliteDocumentStore(new Iom.Adapters.Sqlite.SqliteDatabase(
            Path.Combine(Directory.CreateTempSubdirectory("iom-budget-").FullName, "iom.db"))), TimeProvider.System),
        new ServiceCollection().BuildServiceProvider());

    private static HttpFunction Health => FunctionCatalog.ForApp().FindHttp("Health")!;

    /// <summary>What the worker's binding does for a CancellationToken parameter: ask the registered converters in turn.</summary>
    private static async Task<ConversionResult> BindCancellationTokenAsync(HttpContext http)
    {
        var function = new WorkerFunctionContext();
        function.Items["HttpRequestContext"] = http; // where the ASP.NET Core integration keeps the request (GetHttpContext)
        return await new PipelineCancellationTokenConverter().ConvertAsync(new TokenConverterContext(function));
    }

    [Fact]
    public async Task In_the_azure_worker_a_cancellation_token_parameter_gets_the_budget_and_the_function_stopped_by_it_answers_503()
    {
        var pipeline = Pipeline(TimeSpan.FromMilliseconds(200));
        var http = new DefaultHttpContext();
        var requestAborted = http.RequestAborted;
        CancellationToken bound = default;

        var result = await pipeline.RunAsync(http, Health, async () =>
        {
            bound = (CancellationToken)(await BindCancellationTokenAsync(http)).Value!;
            await Task.Delay(Timeout.Infinite, bound);
            return null;
        }, Ct);

        bound.IsCancellationRequested.ShouldBeTrue();
        result.ShouldBeOfType<ProblemResult>().Problem.Status.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        http.Response.Headers.RetryAfter.ToString().ShouldBe(HttpPipeline.TimeoutRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The worker writes no result for a request whose token has fired: the request's own token is back in place.
        http.RequestAborted.ShouldBe(requestAborted);
        http.RequestAborted.IsCancellationRequested.ShouldBeFalse();
    }

    [Fact]
    public async Task In_the_azure_worker_the_bound_token_also_fires_when_the_host_cancels_the_invocation()
    {
        var pipeline = Pipeline(TimeSpan.FromMinutes(1));
        using var host = new CancellationTokenSource();
        var http = new DefaultHttpContext();
        CancellationToken bound = default;

        var result = await pipeline.RunAsync(http, Health, async () =>
        {
            bound = (CancellationToken)(await BindCancellationTokenAsync(http)).Value!;
            await host.CancelAsync();
            await Task.Delay(Timeout.Infinite, bound);
            return null;
        }, host.Token);

        bound.IsCancellationRequested.ShouldBeTrue();
        result.ShouldBeOfType<EmptyResult>();
    }

    [Fact]
    public async Task Outside_the_pipeline_the_converter_leaves_the_token_to_the_workers_own()
    {
        (await BindCancellationTokenAsync(new DefaultHttpContext())).Status.ShouldBe(ConversionStatus.Unhandled);
    }

    [Fact]
    public void The_pipelines_converter_is_asked_before_the_workers_own_cancellation_token_converter()
    {
        var services = new ServiceCollection();
        services.Configure<WorkerOptions>(o => o.InputConverters.Register<CancellationTokenConverterStandIn>());
        services.AddPipelineCancellation();

        var converters = services.BuildServiceProvider().GetRequiredService<IOptions<WorkerOptions>>().Value.InputConverters.ToList();

        converters.IndexOf(typeof(PipelineCancellationTokenConverter)).ShouldBe(0);
    }

    [Theory]
    [InlineData("--Http:RequestTimeout=00:00:00")]
    [InlineData("--Http:RequestTimeout=00:05:00")]
    [InlineData("--Http:BodyReadTimeout=00:00:30")]
    [InlineData("--Http:BodyReadTimeout=00:00:00.500")]
    public async Task Time_limits_out_of_range_stop_the_host_at_start_up(string setting)
    {
        var data = Directory.CreateTempSubdirectory("iom-limits-").FullName;
        try
        {
            await using var app = LocalHostApp.Build(["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={data}", setting], []);

            var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(Ct));

            failure.OptionsType.ShouldBe(typeof(HttpLimitOptions));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private sealed class CancellationTokenConverterStandIn : IInputConverter
    {
        public ValueTask<ConversionResult> ConvertAsync(ConverterContext context) => new(ConversionResult.Unhandled());
    }

    private sealed class TokenConverterContext(FunctionContext function) : ConverterContext
    {
        public override Type TargetType => typeof(CancellationToken);
        public override object? Source => null;
        public override FunctionContext FunctionContext => function;
        public override IReadOnlyDictionary<string, object> Properties => ImmutableDictionary<string, object>.Empty;
    }

    /// <summary>Just enough of an invocation for the converter: its items.</summary>
    private sealed class WorkerFunctionContext : FunctionContext
    {
        public override string InvocationId => "invocation-1";
        public override string FunctionId => "function-1";
        public override TraceContext TraceContext => throw new NotSupportedException();
        public override BindingContext BindingContext => throw new NotSupportedException();
        public override RetryContext RetryContext => throw new NotSupportedException();
        public override IServiceProvider InstanceServices { get; set; } = new ServiceCollection().BuildServiceProvider();
        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();
        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
