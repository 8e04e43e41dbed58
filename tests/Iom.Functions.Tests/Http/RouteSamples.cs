using Iom.Functions.Http;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Iom.Functions.Tests.Http;

/// <summary>A path that a function's route template matches, made from the template itself.</summary>
internal static class RouteSamples
{
    /// <summary>A value of the shape <see cref="RouteIds.DocumentId"/> asks for.</summary>
    public const string Guid = "0123456789abcdef0123456789abcdef";

    /// <summary>A value of the shape <see cref="RouteIds.ObjectId"/> asks for.</summary>
    public const string ObjectId = "01234567-89ab-4def-8123-456789abcdef";

    /// <summary>Its literals; a GUID for a GUID-shaped id, "7" for an int, a file path for a catch-all, "sample-1" otherwise.</summary>
    public static string PathFor(string route)
    {
        var pattern = RoutePatternFactory.Parse(route);
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "sample/file.css",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "7",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == RouteIds.DocumentId) => Guid,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == RouteIds.ObjectId) => ObjectId,
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == RouteIds.MeetingId) => "iom-2027-01-12",
            RoutePatternParameterPart => "sample-1",
            _ => throw new NotSupportedException(part.GetType().Name),
        })));
        return $"/{FunctionCatalog.RoutePrefix}/{string.Join('/', segments)}";
    }
}
