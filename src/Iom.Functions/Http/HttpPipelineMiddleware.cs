using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Http;

/// <summary>Runs each HTTP function of the worker inside the shared <see cref="HttpPipeline"/>.</summary>
internal sealed class HttpPipelineMiddleware(HttpPipeline pipeline, FunctionCatalog catalog) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext() ?? throw new InvalidOperationException("An HTTP function ran without an HttpContext.");
        var function = catalog.FindHttp(context.FunctionDefinition.Name)
            ?? throw new InvalidOperationException($"{context.FunctionDefinition.Name} is not in the function catalog.");

        var result = await pipeline.RunAsync(http, function, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value as IActionResult;
        }, context.CancellationToken);
        context.GetInvocationResult().Value = result;
    }

    public static bool IsHttp(FunctionContext context) =>
        context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The worker binds a function's CancellationToken parameter to FunctionContext.CancellationToken, which knows nothing
/// of the pipeline's time budget. Registered first, this binds it to the pipeline's linked token instead, as the local
/// host does.
/// </summary>
internal sealed class PipelineCancellationTokenConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context) =>
        new((context.TargetType == typeof(CancellationToken) || context.TargetType == typeof(CancellationToken?))
            && context.FunctionContext.GetHttpContext() is { } http
            && HttpPipeline.InvocationToken(http) is { } token
                ? ConversionResult.Success(token)
                : ConversionResult.Unhandled());
}

public static class HttpPipelineWorkerExtensions
{
    /// <summary>Puts every HTTP function of the worker inside the shared pipeline, its time budget included.</summary>
    public static IHostApplicationBuilder UseHttpPipeline(this Microsoft.Azure.Functions.Worker.Builder.FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseWhen<HttpPipelineMiddleware>(HttpPipelineMiddleware.IsHttp);
        builder.Services.AddPipelineCancellation();
        return builder;
    }

    internal static IServiceCollection AddPipelineCancellation(this IServiceCollection services) =>
        services.Configure<WorkerOptions>(options => options.InputConverters.RegisterAt<PipelineCancellationTokenConverter>(0));
}
