using Iom.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Iom.LocalHost.Hosting;

/// <summary>
/// Whatever escapes the function pipeline (e.g. writing a response) still ends as problem details with a
/// correlation id, never the developer exception page with a stack trace.
/// </summary>
internal static partial class LastResortProblems
{
    public static IApplicationBuilder UseLastResortProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Iom.LocalHost");
            LogUnhandled(logger, exception, context.TraceIdentifier);
            context.Response.Clear();
            await Problems.Unexpected(context.TraceIdentifier).ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        }
    });

    /// <summary>
    /// A refusal routing makes by itself is problem details too, like every refusal a function makes: under /api the
    /// catch-all function answers (as in Azure), so this covers the rest, e.g. a path that leaves /api once Kestrel
    /// resolves its dot segments. Only error responses without a body are touched.
    /// </summary>
    public static IApplicationBuilder UseStatusProblems(this IApplicationBuilder app) => app.UseStatusCodePages(status =>
        Problems.ForStatus(status.HttpContext.Response.StatusCode).ExecuteResultAsync(new ActionContext(status.HttpContext, new RouteData(), new ActionDescriptor())));

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure; correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
