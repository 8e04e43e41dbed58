using System.Reflection;
using Iom.Application.Access;

namespace Iom.Functions.Http;

/// <summary>
/// Only callers holding at least one of these roles may call the function. <see cref="Purpose"/> is the reason
/// recorded in the audit log for what the function does with personal data, unless the caller states their own.
/// A function whose callers could flood the service (intake) names in <see cref="RateLimited"/> the bucket its calls
/// are counted in: functions naming the same bucket share one count per caller (the form and the JSON intake are two
/// doors to one intake, so a caller gets one allowance across both). A function that reaches
/// existing objects (a referral, a panel, a person's records) names in <see cref="Objects"/> the object rule
/// (<see cref="ObjectRule{T}"/>) that says which of them each of its roles may reach; the pipeline binds it to the
/// request and refuses to answer for a function that declared one and never applied it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;

    public string? Purpose { get; init; }

    /// <summary>The rate-limit bucket (e.g. <see cref="RateLimitBuckets.ReferralIntake"/>); null: not limited.</summary>
    public string? RateLimited { get; init; }

    public Type? Objects { get; init; }
}

/// <summary>
/// The function is a page people open in a browser (the referral form, its confirmation). A browser navigation that
/// arrives without a signed-in principal is sent to sign in and brought back (303 to the front end's sign-in URL)
/// instead of getting a bare 401; any other caller still gets 401. The route is also excluded from App Service
/// Authentication's own 401 (infra/main.bicep) so that the app can answer with that redirect.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BrowserPageAttribute : Attribute;

/// <summary>Anyone may call the function, signed in or not (health, static assets). Must be said out loud.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AnonymousAttribute : Attribute;

/// <summary>The rate-limit buckets: one count per caller per bucket, however many functions share it.</summary>
public static class RateLimitBuckets
{
    public const string ReferralIntake = "referral-intake";
}

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
