using System.Diagnostics;
using Iom.Application.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Http;

/// <summary>
/// What every HTTP function gets, in Azure and in the local host alike: a correlation id, authentication from
/// X-MS-CLIENT-PRINCIPAL, the declared role policy, the body size limit, and problem details for every refusal.
/// Function classes never repeat any of it.
/// </summary>
public sealed partial class HttpPipeline(ILogger<HttpPipeline> logger)
{
    public const string CorrelationHeader = "X-Correlation-Id";

    public async Task<IActionResult> RunAsync(HttpContext http, HttpFunction function, Func<Task<IActionResult?>> invoke)
    {
        var correlationId = CorrelationIdOf(http);
        http.TraceIdentifier = correlationId;
        http.Response.Headers[CorrelationHeader] = correlationId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId, ["Function"] = function.Name });

        var refusal = Admit(http, function);
        if (refusal is not null)
        {
            LogRefused(logger, function.Name, refusal.Problem.Status ?? 0);
            return refusal;
        }

        try
        {
            return await invoke() ?? throw new InvalidOperationException($"{function.Name} returned no result.");
        }
        catch (Exception exception) when (Problems.FromKnownException(exception) is { } problem)
        {
            LogRefused(logger, function.Name, problem.Problem.Status ?? 0);
            return problem;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing useful can be sent.
            return new EmptyResult();
        }
#pragma warning disable CA1031 // Anything unexpected becomes a 500 with a correlation id, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, function.Name);
            return Problems.Unexpected(correlationId);
        }
    }

    private static ProblemResult? Admit(HttpContext http, HttpFunction function)
    {
        if (function.Policy is not { } policy)
        {
            // Fail closed: an endpoint nobody declared a policy for serves nobody.
            return Problems.Forbidden();
        }

        if (http.Request.ContentLength > RequestBody.MaxBytes)
        {
            return Problems.PayloadTooLarge(RequestBody.MaxBytes);
        }

        if (policy.Anonymous)
        {
            return null;
        }

        var caller = ClientPrincipal.TryParse(http.Request.Headers[ClientPrincipal.HeaderName], out var failure);
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "X-MS-CLIENT-PRINCIPAL";
            return Problems.Unauthorised(failure!);
        }

        if (!caller.Roles.Overlaps(policy.Roles))
        {
            return Problems.Forbidden();
        }

        http.SetCaller(caller);
        return null;
    }

    private static string CorrelationIdOf(HttpContext http)
    {
        var given = http.Request.Headers[CorrelationHeader].ToString();
        // Accept a caller's id only when it is short and plain, so it cannot smuggle anything into logs.
        if (given.Length is > 0 and <= 64 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return given;
        }

        return Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function} refused the request with {Status}")]
    private static partial void LogRefused(ILogger logger, string function, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}

public static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Items[Key] = caller;

    /// <summary>The authenticated caller; the pipeline has already refused anyone else.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.Items[Key] as Caller ?? throw new InvalidOperationException("This function is anonymous; it has no caller.");
}
