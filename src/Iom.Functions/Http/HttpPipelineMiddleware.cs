using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

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
