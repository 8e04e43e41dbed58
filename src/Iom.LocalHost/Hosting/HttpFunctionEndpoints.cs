using System.Globalization;
using System.Reflection;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;

namespace Iom.LocalHost.Hosting;

/// <summary>Maps each HTTP function onto Kestrel under /api, with the route and verbs from its own trigger.</summary>
internal static class HttpFunctionEndpoints
{
    public static void MapFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog)
    {
        // The app's own functions are checked again when the host starts; this also covers functions added here.
        EndpointPolicyCheck.ThrowIfFaulty(catalog, endpoints.ServiceProvider);
        foreach (var function in catalog.Http)
        {
            FunctionInvoker.RequireBindable(function.Method, p =>
                p.GetCustomAttribute<HttpTriggerAttribute>() is not null
                || p.ParameterType == typeof(CancellationToken)
                || IsRouteValueType(p.ParameterType));

            // A function for every method (the catch-all) is mapped without a method filter, as the Functions host does.
            var pattern = $"/{FunctionCatalog.RoutePrefix}/{function.Route}";
            (function.AnyMethod
                    ? endpoints.Map(pattern, context => HandleAsync(context, function))
                    : endpoints.MapMethods(pattern, function.Verbs, context => HandleAsync(context, function)))
                .WithName(function.Name);
        }
    }

    private static async Task HandleAsync(HttpContext context, HttpFunction function)
    {
        var pipeline = context.RequestServices.GetRequiredService<HttpPipeline>();
        var result = await pipeline.RunAsync(context, function, async () =>
        {
            var arguments = function.Method.GetParameters().Select(p => Bind(context, p)).ToArray();
            return await FunctionInvoker.InvokeAsync(context.RequestServices, function.Method, arguments) as IActionResult;
        });
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    private static object? Bind(HttpContext context, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
        {
            return context.Request;
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return HttpPipeline.InvocationToken(context) ?? context.RequestAborted;
        }

        var raw = context.GetRouteValue(parameter.Name!)?.ToString();
        if (raw is null)
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type == typeof(string) ? raw
            : type == typeof(Guid) ? Guid.Parse(raw, CultureInfo.InvariantCulture)
            : Convert.ChangeType(raw, type, CultureInfo.InvariantCulture);
    }

    private static bool IsRouteValueType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(Guid) || type == typeof(int) || type == typeof(long);
    }
}
