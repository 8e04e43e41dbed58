using System.Collections.Concurrent;
using System.Reflection;

namespace Iom.Application.Ports.Documents;

public static class DocumentKind
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of<T>() => Of(typeof(T));

    public static string Of(Type type) => Names.GetOrAdd(type, static t =>
        t.GetCustomAttribute<DocumentKindAttribute>()?.Name
        ?? (DomainDocumentKinds.Names.TryGetValue(t, out var name) ? name : null)
        ?? throw new InvalidOperationException($"{t.FullName} has no [DocumentKind]; every stored type names its kind."));
}
