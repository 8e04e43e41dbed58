namespace Iom.Application.Errors;

/// <summary>
/// A rule refused the request. <see cref="Reason"/> is a short kebab-case name that ends the problem type URI
/// (e.g. "mappa-managed"); <see cref="Extensions"/> carries safe extra members (never personal data), never named
/// like a member problem details has already (type, title, status, detail, instance): a second "status" would make
/// the response's JSON say two things.
/// </summary>
public sealed class RefusalException(
    RefusalKind kind,
    string reason,
    string title,
    string? detail = null,
    IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(title)
{
    public RefusalKind Kind { get; } = kind;
    public string Reason { get; } = reason;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;

    /// <summary>When the same request may succeed later (something it waits for is in progress): sent as Retry-After.</summary>
    public TimeSpan? RetryAfter { get; init; }
    private static readonly string[] ProblemMembers = ["type", "title", "status", "detail", "instance"];

    public IReadOnlyDictionary<string, object?> Extensions { get; } =
        extensions?.Keys.FirstOrDefault(k => ProblemMembers.Contains(k, StringComparer.OrdinalIgnoreCase)) is { } clash
            ? throw new ArgumentException($"The extension \"{clash}\" would clash with the problem details member of that name.", nameof(extensions))
            : extensions ?? new Dictionary<string, object?>();
}
