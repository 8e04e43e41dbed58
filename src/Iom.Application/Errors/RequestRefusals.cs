namespace Iom.Application.Errors;

/// <summary>
/// The input broke one or more rules. <see cref="Errors"/> is keyed by the field's JSON path in camelCase
/// (e.g. "person.pncId"), each with the messages for that field. Nothing has been changed.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Throws when FluentValidation found failures, keyed by camelCase JSON path ("person.pncId").</summary>
    public static void ThrowIfInvalid(FluentValidation.Results.ValidationResult result)
    {
        if (!result.IsValid)
        {
            throw new ValidationFailedException(result.Errors
                .GroupBy(e => JsonPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }
    }

    /// <summary>"Person.PncId" → "person.pncId"; "OffenceTypes[0]" → "offenceTypes[0]".</summary>
    public static string JsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(s => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..]));
}

/// <summary>What kind of refusal a rule made; the HTTP layer maps each kind to one status code.</summary>
public enum RefusalKind
{
    /// <summary>The caller is signed in with the right role but lacks something the action needs, e.g. an agency (403).</summary>
    Forbidden,

    /// <summary>The thing asked for does not exist, or the caller may not know it does (404).</summary>
    NotFound,

    /// <summary>It clashes with what is already held, e.g. a duplicate (409).</summary>
    Conflict,

    /// <summary>It was based on a version that has since changed (412).</summary>
    Stale,

    /// <summary>Well-formed, but a rule refuses it, e.g. MAPPA-managed (422).</summary>
    Unprocessable,
}

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
