using System.Diagnostics;
using System.Globalization;
using Iom.Application.Access;
using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Identity;
using Iom.Application.Panels.Membership;
using Iom.Application.Ports.Documents;
using Iom.Application.Throttling;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Http;

/// <summary>
/// What every HTTP function gets, in Azure and in the local host alike: a correlation id, authentication from
/// X-MS-CLIENT-PRINCIPAL (trusted only behind a front end that enforces sign-in, <see cref="IAuthenticationFrontEnd"/>,
/// and only from the configured provider and tenant), the declared role policy and object rule, the body size and time limits, a time budget, the
/// intake rate limit, and problem details for every refusal. Function classes never repeat any of it.
/// </summary>
public sealed partial class HttpPipeline(
    ILogger<HttpPipeline> logger,
    IAuthenticationFrontEnd frontEnd,
    Microsoft.Extensions.Options.IOptions<IdentityProviderOptions> identityProvider,
    Microsoft.Extensions.Options.IOptions<RateLimitOptions> rateLimits,
    Microsoft.Extensions.Options.IOptions<HttpLimitOptions> limits,
    CallerRateLimit rateLimit,
    IServiceProvider services,
    TimeProvider? time = null)
{
    // The budget's clock: the app's, so a test can stand a fake one in for a slow upload instead of waiting minutes.
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>A caller may say why they are acting; it is recorded in the audit log beside the declared purpose, never instead of it.</summary>
    public const string PurposeHeader = "X-IOM-Purpose";

    public const int MaxPurposeLength = 200;

    /// <summary>What a caller whose request ran out of time is asked to wait before trying again.</summary>
    public const int TimeoutRetryAfterSeconds = 5;

    private static readonly object InvocationTokenKey = new();

    /// <summary>
    /// The token the running function must honour: the request's own, the host's (<paramref name="hostCancellation"/>)
    /// and the time budget, linked. Both hosts bind a function's CancellationToken parameter to it.
    /// </summary>
    /// <returns>Null outside a function invocation.</returns>
    public static CancellationToken? InvocationToken(HttpContext http) =>
        http.Items.TryGetValue(InvocationTokenKey, out var token) && token is CancellationToken set ? set : null;

    /// <param name="hostCancellation">The host's cancellation of the invocation (the worker's FunctionContext), if any.</param>
    public async Task<IActionResult> RunAsync(HttpContext http, HttpFunction function, Func<Task<IActionResult?>> invoke, CancellationToken hostCancellation = default)
    {
        var correlationId = CorrelationIdOf(http);
        http.TraceIdentifier = correlationId;
        http.Response.Headers[CorrelationHeader] = correlationId;
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId, ["Function"] = function.Name });

        var refusal = Admit(http, function);
        if (refusal is not null)
        {
            LogRefused(logger, function.Name, (refusal as ProblemResult)?.Problem.Status ?? StatusCodes.Status303SeeOther);
            return refusal;
        }

        // The function's CancellationToken parameter is bound to this one token, which fires when the caller goes away,
        // the host cancels, or the budget runs out. Writes are atomic commits, so stopping part way leaves either a whole
        // change or none. HttpContext.RequestAborted is left alone: Kestrel owns it, and replacing it for the call made
        // pages hang now and then in the browser tests (a response that never completed).
        // The function's own budget if it declares a longer one ([TimeBudget], an upload), the app's otherwise.
        var requestTimeout = limits.Value.RequestTimeoutFor(function.Policy);
        using var deadline = new CancellationTokenSource(requestTimeout, clock);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, hostCancellation, deadline.Token);
        http.Items[InvocationTokenKey] = budget.Token;
        RequestBody.SetReadTimeout(http, limits.Value.BodyReadTimeoutFor(function.Policy), clock);
        RequestBody.SetMaxBytes(http, function.Policy!.MaxBodyBytes);
        // The server's own limit is the app's usual one; this function declares its own (above or below it). RequestBody
        // counts the body exactly; Kestrel counts a chunked body's framing too, so its limit is left an eighth above,
        // as a backstop that answers the same 413.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = function.Policy.MaxBodyBytes + (function.Policy.MaxBodyBytes / 8);
        }

        try
        {
            if (function.Policy is { Signer: { } signer } && await SignedAsync(http, signer, function.Policy.MaxBodyBytes, budget.Token) is { } unsigned)
            {
                LogRefused(logger, function.Name, unsigned.Problem.Status ?? 0);
                return unsigned;
            }

            await SeatAsync(http, budget.Token);

            // Counted in the store, so inside the try: a store failure is a 500 with a correlation id like any other.
            if (await ThrottleAsync(http, function, budget.Token) is { } throttled)
            {
                LogRefused(logger, function.Name, throttled.Problem.Status ?? 0);
                return throttled;
            }

            var result = await invoke() ?? throw new InvalidOperationException($"{function.Name} returned no result.");
            if (http.ActingAsIfSignedIn() is { Scope.WasApplied: false } && result is IStatusCodeActionResult { StatusCode: >= 200 and < 300 })
            {
                // The function declared who may reach which objects and then answered without asking: fail closed.
                LogObjectRuleUnused(logger, function.Name);
                return Problems.Unexpected(correlationId);
            }

            return result;
        }
        catch (Exception exception) when (Problems.FromKnownException(exception) is { } problem)
        {
            if (problem.Problem.Status == StatusCodes.Status408RequestTimeout)
            {
                // The rest of the body is still unread: this connection cannot carry another request.
                http.Response.Headers.Connection = "close";
            }

            if (exception is RefusalException { RetryAfter: { } wait })
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }
            else if (exception is Application.Audit.AuditChainBusyException)
            {
                http.Response.Headers.RetryAfter = "1";
            }

            LogRefused(logger, function.Name, problem.Problem.Status ?? 0);
            return problem;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested || hostCancellation.IsCancellationRequested)
        {
            // The caller went away, or the host stopped the invocation; nothing useful can be sent.
            return new EmptyResult();
        }
        catch (Exception exception) when (exception is OutcomeUnknownException or DocumentOutcomeUnknownException)
        {
            // Never told "failed": a write may have been applied. Retrying is safe (the submission reads back first).
            LogOutcomeUnknown(logger, exception, function.Name);
            http.Response.Headers.RetryAfter = TimeoutRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.OutcomeUnknown(correlationId);
        }
#pragma warning disable CA1031 // Whatever a cancelled store call throws (not always OperationCanceledException), the cause is the budget.
        catch (Exception exception) when (budget.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogTimedOut(logger, function.Name, requestTimeout.TotalSeconds, exception.GetType().Name);
            http.Response.Headers.RetryAfter = TimeoutRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Problems.RequestTimedOut(correlationId);
        }
#pragma warning disable CA1031 // Anything unexpected becomes a 500 with a correlation id, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, function.Name);
            return Problems.Unexpected(correlationId);
        }
        finally
        {
            // The budget is for the function alone, not for writing its result.
            http.Items.Remove(InvocationTokenKey);
        }
    }

    /// <summary>Marks the return from sign-in, so a page that still sees no principal answers 401 instead of looping.</summary>
    public const string SignedInMarker = "signed-in";

    private IActionResult? Admit(HttpContext http, HttpFunction function)
    {
        if (function.Policy is not { } policy)
        {
            // Fail closed: an endpoint nobody declared a policy for serves nobody.
            return Problems.Forbidden();
        }

        if (http.Request.ContentLength > policy.MaxBodyBytes)
        {
            return Problems.PayloadTooLarge(policy.MaxBodyBytes);
        }

        if (policy.Anonymous || policy.Signer is not null)
        {
            // A signed caller is checked over its body, once read (SignedAsync); no principal is read or trusted.
            return null;
        }

        // The principal header is an identity only when a front end that enforces sign-in set it; otherwise anyone
        // could have typed it. Checked before the header is even read.
        if (frontEnd.NotEnforcedReason is { } notEnforced)
        {
            return Unauthenticated(http, notEnforced);
        }

        var caller = ClientPrincipal.TryParse(http.Request.Headers[ClientPrincipal.HeaderName], out var failure);
        if (caller is null)
        {
            return policy.BrowserPage && IsBrowserNavigation(http) ? SignIn(http) : Unauthenticated(http, failure!);
        }

        if (Untrusted(caller) is { } untrusted)
        {
            return Unauthenticated(http, untrusted);
        }

        if (!caller.Roles.Overlaps(policy.Roles))
        {
            return Problems.Forbidden();
        }

        var stated = http.Request.Headers[PurposeHeader].ToString();
        if (stated.Length > MaxPurposeLength || !IsPlainText(stated))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                [PurposeHeader] = [$"The purpose must be plain text of {MaxPurposeLength} characters or fewer, without control, format (such as bidirectional overrides or zero-width characters) or line and paragraph separator characters"],
            });
        }

        // The declared purpose is what the endpoint does and always goes in the audit record; what the caller
        // states goes beside it, never in its place.
        http.SetActingAs(new ActingAs(caller, http.TraceIdentifier, policy.Purpose ?? function.Name)
        {
            StatedPurpose = stated.Length > 0 ? stated : null,
            Scope = policy.Objects is { } rule ? new ObjectScope((IObjectRule)services.GetRequiredService(rule), policy.Roles) : null,
        });
        return null;
    }

    /// <returns>Why the principal is not from the configured identity provider (and tenant), or null when it is.</returns>
    private string? Untrusted(Caller caller)
    {
        var expected = identityProvider.Value;
        if (!string.Equals(caller.IdentityProvider, expected.IdentityProvider, StringComparison.OrdinalIgnoreCase))
        {
            return "The client principal does not come from the configured identity provider.";
        }

        return string.IsNullOrEmpty(expected.TenantId) || string.Equals(caller.TenantId, expected.TenantId, StringComparison.OrdinalIgnoreCase)
            ? null
            : "The client principal does not come from the configured tenant.";
    }

    private static ProblemResult Unauthenticated(HttpContext http, string detail)
    {
        http.Response.Headers.WWWAuthenticate = ClientPrincipal.HeaderName;
        return Problems.Unauthorised(detail);
    }

    /// <summary>
    /// A person opening a page: a browser navigation accepts text/html and is not a script's request
    /// (<c>X-Requested-With: XMLHttpRequest</c>). API callers (JSON, no text/html) keep getting 401.
    /// </summary>
    private static bool IsBrowserNavigation(HttpContext http) =>
        !string.Equals(http.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.OrdinalIgnoreCase)
        && http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        // Back from sign-in and still no principal: the front end is not passing the session on; stop rather than loop.
        && !http.Request.Query.ContainsKey(SignedInMarker);

    /// <summary>Sends the browser to sign in and back to this page (for a POST, the page it was posted from).</summary>
    private IActionResult SignIn(HttpContext http)
    {
        var back = $"{http.Request.PathBase}{http.Request.Path}?{SignedInMarker}=1";
        http.Response.Headers.CacheControl = "no-store";
        return new Rendering.SeeOther(frontEnd.SignInUrl(back));
    }

    /// <summary>No control (Cc), format (Cf: bidirectional overrides, zero-width characters) or line/paragraph separator (Zl, Zp) characters, and no lone surrogates.</summary>
    public static bool IsPlainText(string value)
    {
        var remaining = value.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            if (System.Text.Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return false;
            }

            remaining = remaining[consumed..];
        }

        return true;
    }

    /// <summary>
    /// The object rules are synchronous, so the panels a panel member sits on today are read before they run: one point
    /// read of the stored rosters, for panel members at endpoints with an object rule only, never cached (a removal
    /// takes effect at the next request).
    /// </summary>
    private async Task SeatAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.ActingAsIfSignedIn() is { Scope: not null } acting && acting.Caller.IsIn(Roles.PanelMember))
        {
            var seats = await services.GetRequiredService<PanelSeats>().OfAsync(acting.Caller.UserId, cancellationToken);
            http.SetActingAs(acting with { Caller = acting.Caller with { SeatedPanels = seats } });
        }
    }

    /// <summary>
    /// Reads the body within the function's limit and has the signer check it before the function runs: a refusal
    /// (401) reads and writes nothing else. The function gets the verified bytes (<see cref="RequestBody.Verified"/>).
    /// </summary>
    private async Task<ProblemResult?> SignedAsync(HttpContext http, Type signerType, long maxBytes, CancellationToken cancellationToken)
    {
        var signer = (IRequestSignature)services.GetRequiredService(signerType);
        var body = await RequestBody.ReadBytesAsync(http.Request, maxBytes, cancellationToken);
        if (await signer.RefusalAsync(http.Request.Headers, body, cancellationToken) is { } refusal)
        {
            http.Response.Headers.WWWAuthenticate = signer.Scheme;
            return Problems.Unauthorised(refusal);
        }

        RequestBody.SetSigned(http, body);
        return null;
    }

    private async Task<ProblemResult?> ThrottleAsync(HttpContext http, HttpFunction function, CancellationToken cancellationToken)
    {
        if (function.Policy is not { RateLimited: { } bucket })
        {
            return null;
        }

        // Keyed by the declared bucket and the caller's object id: every door to one intake shares one count.
        var decision = await rateLimit.TryAcquireAsync(bucket, http.Caller().UserId, rateLimits.Value.PermitsPerMinute, TimeSpan.FromMinutes(1), cancellationToken);
        if (decision.Allowed)
        {
            return null;
        }

        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests();
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

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} declares an object rule but answered without applying it")]
    private static partial void LogObjectRuleUnused(ILogger logger, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} could not tell whether its write was stored and answered 503")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} ran out of its {BudgetSeconds} s budget ({Exception}) and answered 503")]
    private static partial void LogTimedOut(ILogger logger, string function, double budgetSeconds, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function);
}
