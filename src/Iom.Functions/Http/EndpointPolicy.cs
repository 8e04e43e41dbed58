using System.Reflection;
using Iom.Application.Access;

namespace Iom.Functions.Http;

/// <summary>The declared access policy of one HTTP function. Every HTTP function must declare one.</summary>
public sealed record EndpointPolicy(bool Anonymous, IReadOnlySet<string> Roles, string? Purpose = null, string? RateLimited = null, Type? Objects = null)
{
    /// <summary>See <see cref="BrowserPageAttribute"/>.</summary>
    public bool BrowserPage { get; init; }

    /// <returns>The policy, or null when the method declares none, or an object rule that is not one (the app refuses to serve it).</returns>
    public static EndpointPolicy? Of(MethodInfo method)
    {
        var anonymous = method.GetCustomAttribute<AnonymousAttribute>() is not null;
        var roles = method.GetCustomAttribute<AllowRolesAttribute>();
        return (anonymous, roles) switch
        {
            (true, null) => new EndpointPolicy(true, new HashSet<string>()),
            (false, { Roles.Count: > 0 }) when roles.Objects is null || (!roles.Objects.IsAbstract && roles.Objects.IsAssignableTo(typeof(IObjectRule))) =>
                new EndpointPolicy(false, roles.Roles.ToHashSet(StringComparer.Ordinal), roles.Purpose, roles.RateLimited, roles.Objects)
                {
                    BrowserPage = method.GetCustomAttribute<BrowserPageAttribute>() is not null,
                },
            _ => null,
        };
    }
}
