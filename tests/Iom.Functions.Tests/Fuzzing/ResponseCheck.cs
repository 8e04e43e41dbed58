using System.Text;
using System.Text.Json;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>A response as the harness keeps it: enough to judge it and to print it.</summary>
public sealed record FuzzResponse(int Status, string? ContentType, byte[] Body, string? CorrelationId, string? Location = null)
{
    public string MediaType => ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";

    public string Preview(int max = 600)
    {
        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, max));
        return Body.Length > max ? text + $"… ({Body.Length} bytes)" : text;
    }
}

/// <summary>
/// The pass criteria for one response. A response fails when it is a server error (5xx); when it refuses (4xx) without
/// well-formed problem details (type, title, and a status equal to the response's) — HTML pages may instead answer
/// with an HTML error page; when it serves (2xx or 3xx) a caller whose principal may not call the endpoint; or when a
/// body that says it is JSON is not.
/// </summary>
/// <remarks>
/// One kind of 4xx has no problem details by necessity: the HTTP server's own refusal of a request it cannot parse
/// (400 for a malformed request line or header, 414 for a request line too long, 431 for headers too large), sent
/// before any endpoint or middleware runs. It is recognised by having no body and no X-Correlation-Id (the pipeline
/// puts one on every response it makes), and counted apart in the summary.
/// </remarks>
public static class ResponseCheck
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>The HTTP server refused the request before the app saw it (see remarks).</summary>
    public static bool IsServerLevelRefusal(FuzzResponse response) =>
        response.Status is 400 or 414 or 431 && response.CorrelationId is null && response.Body.Length == 0 && response.ContentType is null;

    /// <returns>What is wrong with the response; empty when it passes.</returns>
    public static IReadOnlyList<string> Problems(FuzzRequest request, FuzzEndpoint endpoint, FuzzResponse response)
    {
        var problems = new List<string>();
        var head = request.Method == "HEAD"; // a HEAD response has headers only
        if (response.Status >= 500)
        {
            problems.Add($"server error {response.Status}");
        }
        else if (response.Status >= 400)
        {
            if (response.MediaType == ProblemJson)
            {
                if (!head)
                {
                    problems.AddRange(ProblemDetailsProblems(response));
                }
            }
            else if (!(endpoint.Seed.Html && response.MediaType == "text/html" && (head || response.Body.Length > 0)) && !IsServerLevelRefusal(response))
            {
                problems.Add($"{response.Status} refusal without problem details (Content-Type: {response.ContentType ?? "none"})");
            }
        }
        else if (response.Status is >= 200 and < 400 && request.Access == Access.Refused)
        {
            problems.Add($"{response.Status} for a caller the endpoint's policy refuses");
        }

        if (!head && response.Status != 204 && response.Body.Length > 0 && (response.MediaType.EndsWith("/json", StringComparison.Ordinal) || response.MediaType.EndsWith("+json", StringComparison.Ordinal)) && !IsJson(response.Body))
        {
            problems.Add("the body says it is JSON but is not");
        }

        return problems;
    }

    private static IEnumerable<string> ProblemDetailsProblems(FuzzResponse response)
    {
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(response.Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return ["problem details that are not JSON"];
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            return ["problem details that are not a JSON object"];
        }

        var problems = new List<string>();
        foreach (var member in new[] { "type", "title" })
        {
            if (!problem.TryGetProperty(member, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                problems.Add($"problem details without a {member}");
            }
        }

        if (!problem.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var code) || code != response.Status)
        {
            problems.Add($"problem details whose status is not {response.Status}");
        }

        if (problem.TryGetProperty("errors", out var errors)
            && (errors.ValueKind != JsonValueKind.Object || errors.EnumerateObject().Any(e => e.Value.ValueKind != JsonValueKind.Array)))
        {
            problems.Add("problem details whose errors are not an object of arrays");
        }

        return problems;
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
