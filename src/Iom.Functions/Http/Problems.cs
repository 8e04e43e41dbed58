using System.Text.Json;
using Iom.Application.Errors;
using Iom.Application.Ports.Documents;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Iom.Functions.Http;

/// <summary>The one place that turns refusals and failures into RFC 9457 problem details.</summary>
public static class Problems
{
    /// <summary>Problem type URIs end in the reason's kebab-case name, e.g. <c>urn:iom:problem:mappa-managed</c>.</summary>
    public const string TypePrefix = "urn:iom:problem:";

    public static ProblemResult Unauthorised(string detail) =>
        Create(StatusCodes.Status401Unauthorized, "unauthenticated", "You are not signed in.", detail);

    public static ProblemResult Forbidden() =>
        Create(StatusCodes.Status403Forbidden, "forbidden", "You do not have a role that may do this.");

    public static ProblemResult PayloadTooLarge(long limit) =>
        Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request body is too large.", $"The limit is {limit / 1024} KiB.");

    public static ProblemResult UnsupportedMediaType(string expected) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The request body has the wrong content type.", $"Send {expected}.");

    public static ProblemResult TooManyRequests() =>
        Create(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests.", "Wait for the time in Retry-After, then try again.");

    /// <summary>The request ran out of its time budget (<see cref="HttpLimitOptions.RequestTimeout"/>); the caller may retry.</summary>
    public static ProblemResult RequestTimedOut(string correlationId)
    {
        var result = Create(StatusCodes.Status503ServiceUnavailable, "timeout", "The request took too long.",
            "It was stopped before it finished. Wait for the time in Retry-After, then try again; quote the correlation id if it keeps happening.");
        result.Problem.Extensions["correlationId"] = correlationId;
        return result;
    }

    /// <summary>
    /// A write may or may not have been stored and could not be read back, so nothing was undone; the caller may retry.
    /// </summary>
    public static ProblemResult OutcomeUnknown(string correlationId)
    {
        var result = Create(StatusCodes.Status503ServiceUnavailable, "outcome-unknown", "The service could not confirm the change.",
            "It may have been stored. Wait for the time in Retry-After, then check or try again; quote the correlation id if it keeps happening.");
        result.Problem.Extensions["correlationId"] = correlationId;
        return result;
    }

    /// <summary>The request body did not arrive in time (<see cref="HttpLimitOptions.BodyReadTimeout"/>, or the HTTP server's minimum data rate).</summary>
    public static ProblemResult RequestBodyTimedOut() =>
        Create(StatusCodes.Status408RequestTimeout, "body-timeout", "The request body arrived too slowly.", "Send the whole body without pausing, then try again.");

    public static ProblemResult NotFound() =>
        Create(StatusCodes.Status404NotFound, "not-found", "Not found.");

    public static ProblemResult MethodNotAllowed() =>
        Create(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "This address does not accept that method.");

    /// <summary>Problem details for a refusal made outside any function (the host's routing): no path, no method.</summary>
    public static ProblemResult ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => NotFound(),
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed(),
        _ => Create(status, "bad-request", "The request could not be handled."),
    };

    public static ProblemResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(new ValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Type = TypePrefix + "validation",
            Title = "The request is not valid.",
            Status = StatusCodes.Status400BadRequest,
            Detail = "See errors for each field.",
        });

    /// <summary>Maps an exception from a function to a problem, or null when it is unexpected (a 500).</summary>
    public static ProblemResult? FromKnownException(Exception exception) => exception switch
    {
        ValidationFailedException v => Validation(v.Errors),
        RefusalException r => Refusal(r),
        JsonException j => Validation(JsonErrors(j)),
        RequestBodyTooLargeException t => PayloadTooLarge(t.Limit),
        UnsupportedContentTypeException u => UnsupportedMediaType(u.Expected),
        RequestBodyTimeoutException => RequestBodyTimedOut(),
        MalformedBodyException => Create(StatusCodes.Status400BadRequest, "malformed-body", "The request body could not be read.", "It is not a well-formed form."),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => PayloadTooLarge(RequestBody.MaxBytes),
        BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } => RequestBodyTimedOut(),
        BadHttpRequestException b => Create(b.StatusCode, "bad-request", "The request could not be read."),
        DocumentPreconditionFailedException => Create(StatusCodes.Status412PreconditionFailed, "stale", "Someone else changed this first.", "Read it again and retry."),
        DocumentConflictException => Create(StatusCodes.Status409Conflict, "conflict", "This already exists."),
        Application.Audit.AuditChainBusyException => Create(StatusCodes.Status503ServiceUnavailable, "busy",
            "Too many changes to the same record at once.", "Nothing was changed. Wait for the time in Retry-After, then try again."),
        _ => null,
    };

    public static ProblemResult Unexpected(string correlationId)
    {
        var result = Create(StatusCodes.Status500InternalServerError, "unexpected", "Something went wrong on our side.",
            "The failure has been logged. Quote the correlation id if you contact support.");
        result.Problem.Extensions["correlationId"] = correlationId;
        return result;
    }

    public static ProblemResult Create(int status, string reason, string title, string? detail = null) =>
        new(new ProblemDetails { Type = TypePrefix + reason, Title = title, Status = status, Detail = detail });

    private static ProblemResult Refusal(RefusalException refusal)
    {
        var status = refusal.Kind switch
        {
            RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
            RefusalKind.NotFound => StatusCodes.Status404NotFound,
            RefusalKind.Conflict => StatusCodes.Status409Conflict,
            RefusalKind.Stale => StatusCodes.Status412PreconditionFailed,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        var result = Create(status, refusal.Reason, refusal.Title, refusal.Detail);
        foreach (var (key, value) in refusal.Extensions)
        {
            result.Problem.Extensions[key] = value;
        }

        return result;
    }

    // System.Text.Json reports "$.person.pncId"; problem details key fields as "person.pncId". A body that is not
    // JSON at all (bad syntax, invalid UTF-8, too deep) is reported against the whole body, "$".
    private static Dictionary<string, string[]> JsonErrors(JsonException exception)
    {
        var message = exception.Message;
        var (field, text) =
            message.Contains("could not be mapped", StringComparison.Ordinal) ? (FieldOf(exception.Path), "This field is not recognised.")
            : message.Contains("could not be converted", StringComparison.Ordinal) ? (FieldOf(exception.Path), "This value is not of the expected type or format.")
            : message.Contains("missing required properties", StringComparison.Ordinal) ? ("$", "Required fields are missing.")
            : ("$", "The body is not valid JSON.");
        return new Dictionary<string, string[]> { [field] = [text] };
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
