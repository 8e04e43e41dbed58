using System.Text.Json;

namespace Iom.Application.Ports.Documents;

/// <summary>The latest version of a changed document, as <see cref="IDocumentChangeFeed"/> gives it.</summary>
public sealed record DocumentChange(DocumentKey Key, string Kind, JsonElement Body, string ETag)
{
    /// <summary>The body as <typeparamref name="T"/>, read with <see cref="DocumentJson.Options"/>.</summary>
    /// <exception cref="InvalidOperationException">The document is of another kind.</exception>
    public T Read<T>() =>
        Kind == DocumentKind.Of<T>()
            ? DocumentJson.FromElement<T>(Body)
            : throw new InvalidOperationException($"{Key} is a '{Kind}', not a '{DocumentKind.Of<T>()}'.");
}
