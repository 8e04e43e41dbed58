using Iom.Application.Ports.Documents;

namespace Iom.Application.Api;

/// <summary>A stored document's ETag as HTTP writes it: the store's version, quoted once.</summary>
public static class EntityTag
{
    public static string Of<T>(StoredDocument<T> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.ETag.StartsWith('"') ? stored.ETag : $"\"{stored.ETag}\"";
    }
}
