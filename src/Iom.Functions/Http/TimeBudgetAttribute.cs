namespace Iom.Functions.Http;

/// <summary>
/// The function's own time limits, beside its <see cref="MaxBodyAttribute"/>: an upload of a large file needs longer
/// than the app's <see cref="HttpLimitOptions"/> allow everything else. <see cref="RequestSeconds"/> is the whole
/// invocation's budget (then 503), <see cref="BodyReadSeconds"/> the time its body may take to arrive (then 408).
/// Each widens the app's limit for this function only, never narrows it (a configuration that gives every request
/// longer still applies). Both stay within what Azure's front end waits (230 s), the body's below the request's; a
/// declaration outside that is no policy at all, so the function serves nobody.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class TimeBudgetAttribute(int requestSeconds) : Attribute
{
    /// <summary>Azure's front end drops an HTTP request after 230 s whatever the function does.</summary>
    public const int LongestSeconds = 230;

    public int RequestSeconds { get; } = requestSeconds;

    /// <summary>The time the body may take to arrive; must be shorter than <see cref="RequestSeconds"/>.</summary>
    public int BodyReadSeconds { get; init; }

    public bool IsValid =>
        RequestSeconds is > 0 and <= LongestSeconds && BodyReadSeconds > 0 && BodyReadSeconds < RequestSeconds;
}
