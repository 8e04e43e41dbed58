using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Http;

/// <summary>
/// The functions of an assembly, read from their own [Function] and trigger attributes: the single source of
/// truth for routes, queue names and schedules, used by the worker's middleware, the local host and the tests.
/// </summary>
public sealed class FunctionCatalog
{
    /// <summary>What every HTTP function's route is under: host.json's extensions.http.routePrefix.</summary>
    public const string RoutePrefix = "api";

    private readonly Dictionary<string, HttpFunction> httpByName;

    public FunctionCatalog(IEnumerable<Type> functionTypes)
    {
        var methods = functionTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .ToList();

        var http = new List<HttpFunction>();
        var queues = new List<QueueFunction>();
        var timers = new List<TimerFunction>();
        foreach (var (method, function) in methods)
        {
            var name = function!.Name;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } h)
                {
                    var verbs = (h.Methods ?? ["get", "post", "put", "patch", "delete"]).Select(v => v.ToUpperInvariant()).ToList();
                    http.Add(new HttpFunction(name, method, h.Route ?? name, verbs, EndpointPolicy.Of(method), h.Methods is null));
                }
                else if (parameter.GetCustomAttribute<QueueTriggerAttribute>() is { } q)
                {
                    queues.Add(new QueueFunction(name, method, q.QueueName, q.Connection));
                }
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } t)
                {
                    timers.Add(new TimerFunction(name, method, t.Schedule, t.RunOnStartup));
                }
            }
        }

        Http = http;
        Queues = queues;
        Timers = timers;
        httpByName = http.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The functions of the app itself.</summary>
    public static FunctionCatalog ForApp() => new(typeof(FunctionCatalog).Assembly.GetTypes());

    public IReadOnlyList<HttpFunction> Http { get; }
    public IReadOnlyList<QueueFunction> Queues { get; }
    public IReadOnlyList<TimerFunction> Timers { get; }

    public HttpFunction? FindHttp(string functionName) => httpByName.GetValueOrDefault(functionName);
}
