namespace Iom.Functions.Http.OpenApi;

/// <summary>A query string parameter the function reads (always a string on the wire; the function checks its form).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class QueryParameterAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;

    public bool Required { get; init; }

    /// <summary>A JSON Schema format for the value (date, date-time, int32), if it has one.</summary>
    public string? Format { get; init; }

    /// <summary>The values it takes, when they are a fixed set.</summary>
    public string[]? Values { get; init; }
}
