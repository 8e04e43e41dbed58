using System.Text.Json;
using System.Text.Json.Serialization;
using Iom.Application.Ports.Documents;

namespace Iom.Functions.Http;

/// <summary>JSON for the API: the stored shape, but strict about what callers send.</summary>
public static class ApiJson
{
    public const int MaxDepth = 32;

    public static JsonSerializerOptions Options { get; } = new(DocumentJson.Options)
    {
        // An unknown member is a caller's mistake worth telling them about, not something to drop silently.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };
}
