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
