using System.Collections.Concurrent;
using System.Reflection;

namespace Iom.Application.Ports.Documents;

/// <summary>Names the kind of a document type, stored in the envelope; renaming a class must not orphan data.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class DocumentKindAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

public static class DocumentKind
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of<T>() => Of(typeof(T));

    public static string Of(Type type) => Names.GetOrAdd(type, static t =>
        t.GetCustomAttribute<DocumentKindAttribute>()?.Name
        ?? (DomainDocumentKinds.Names.TryGetValue(t, out var name) ? name : null)
        ?? throw new InvalidOperationException($"{t.FullName} has no [DocumentKind]; every stored type names its kind."));
}
