using System.Collections.Concurrent;
using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Domain.Referrals;
using Iom.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>Functions hosted only in tests, to observe what the host and the pipeline do around a function.</summary>
public sealed class ProbeFunctions
{
    public const string FailingQueue = "probe-always-fails";
    public const string CountingQueue = "probe-counts";

    public static ConcurrentQueue<string> Received { get; } = new();
    public static ConcurrentDictionary<string, int> Attempts { get; } = new();
    public static ConcurrentQueue<DateTimeOffset> TimerRuns { get; } = new();

    [Function("ProbeWhoAmI")]
    [AllowRoles(Roles.Coordinator)]
    public static IActionResult WhoAmI([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/whoami")] HttpRequest request)
    {
        var caller = request.HttpContext.Caller();
        return new JsonResponse(200, ProbeAnswer.Of(("userId", caller.UserId), ("agency", caller.Agency), ("roles", caller.Roles.Order().ToArray())));
    }

    [Function("ProbeEcho")]
    [AllowRoles(Roles.Referrer)]
    public static async Task<IActionResult> Echo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "probe/echo/{id:int}")] HttpRequest request, int id, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadJsonAsync<EchoBody>(request, cancellationToken);
        return new JsonResponse(201, ProbeAnswer.Of(("id", id), ("text", body.Text)), $"/api/probe/echo/{id}");
    }

    [Function("ProbeThrows")]
    [Anonymous]
    public static IActionResult Throws([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/throws")] HttpRequest request) =>
        throw new InvalidOperationException("secret internal detail at C:\\path\\Thing.cs:42");

    [Function("ProbeForgetsItsObjectRule")]
    [AllowRoles(Roles.Coordinator, Objects = typeof(PanelAccess))]
    public static IActionResult ForgetsItsObjectRule([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/panels/{panel}")] HttpRequest request, string panel) =>
        new JsonResponse(200, ProbeAnswer.Of(("panel", panel)));

    [Function("ProbeReachesWithoutARule")]
    [AllowRoles(Roles.Coordinator)]
    public static IActionResult ReachesWithoutARule([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/unruled")] HttpRequest request) =>
        new JsonResponse(200, ProbeAnswer.Of(("panel", request.HttpContext.ActingAs().Reach(PanelCode.Iom, PanelDirectory.NotFound))));

    [Function("ProbeFails")]
    public static void AlwaysFails([QueueTrigger(FailingQueue)] string message)
    {
        Attempts.AddOrUpdate(message, 1, (_, n) => n + 1);
        throw new InvalidOperationException("The probe always fails.");
    }

    [Function("ProbeCounts")]
    public static void Counts([QueueTrigger(CountingQueue)] string message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Received.Enqueue(message);
    }

    [Function("ProbeTimer")]
    public static void Tick([TimerTrigger("*/1 * * * * *")] TimerInfo timer) => TimerRuns.Enqueue(DateTimeOffset.UtcNow);

    public sealed record EchoBody(string Text);
}

/// <summary>An HTTP function that forgot to declare who may call it.</summary>
public sealed class UndeclaredFunction
{
    [Function("Undeclared")]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/undeclared")] HttpRequest request) => new OkResult();
}

/// <summary>An HTTP function whose declared object rule is not one.</summary>
public sealed class MisdeclaredObjectRuleFunction
{
    [Function("MisdeclaredObjectRule")]
    [AllowRoles(Roles.Coordinator, Objects = typeof(string))]
    public static IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "probe/misdeclared/{id}")] HttpRequest request, string id) => new OkResult();
}

/// <summary>A probe's JSON answer: whatever fields it names (the app's own answers are records; probes only observe).</summary>
public sealed class ProbeAnswer : Iom.Application.Api.IApiResponse
{
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, object?> Fields { get; } = new(StringComparer.Ordinal);

    public static ProbeAnswer Of(params (string Name, object? Value)[] fields)
    {
        var answer = new ProbeAnswer();
        foreach (var (name, value) in fields)
        {
            answer.Fields[name] = value;
        }

        return answer;
    }
}
