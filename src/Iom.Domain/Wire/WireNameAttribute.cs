namespace Iom.Domain.Wire;

/// <summary>
/// An enum member's name wherever it leaves the process: stored JSON, API JSON, form values, query strings, validation
/// messages, pages and docs. Spelled out per member, so renaming a member in code cannot change stored data or the API.
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class WireNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
