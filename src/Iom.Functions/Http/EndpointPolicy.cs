using System.Reflection;
using Iom.Application.Access;

namespace Iom.Functions.Http;

/// <summary>The declared access policy of one HTTP function. Every HTTP function must declare one.</summary>
public sealed record EndpointPolicy(bool Anonymous, IReadOnlySet<string> Roles, string? Purpose = null, string? RateLimited = null, Type? Objects = null)
{
    /// <summary>See <see cref="BrowserPageAttribute"/>.</summary>
    public bool BrowserPage { get; init; }

    /// <summary>The signing caller it admits instead of a person (<see cref="SignedByAttribute"/>); null for a person's or anyone's endpoint.</summary>
    public Type? Signer { get; init; }

    /// <summary>The largest request body the function admits (413 above it).</summary>
    public long MaxBodyBytes { get; init; } = RequestBody.MaxBytes;

    /// <summary>The function's own invocation budget (<see cref="TimeBudgetAttribute"/>); null for the app's.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The function's own body read limit (<see cref="TimeBudgetAttribute"/>); null for the app's.</summary>
    public TimeSpan? BodyReadTimeout { get; init; }

    /// <returns>The policy, or null when the method declares none, or an object rule that is not one (the app refuses to serve it).</returns>
    public static EndpointPolicy? Of(MethodInfo method)
    {
        var anonymous = method.GetCustomAttribute<AnonymousAttribute>() is not null;
        var roles = method.GetCustomAttribute<AllowRolesAttribute>();
        if (method.GetCustomAttribute<SignedByAttribute>() is { } signed)
        {
            // A signed caller is neither anyone nor a person: declaring another policy beside it is a mistake.
            return anonymous || roles is not null || signed.MaxBodyBytes <= 0
                ? null
                : new EndpointPolicy(false, new HashSet<string>()) { Signer = signed.Signer, MaxBodyBytes = signed.MaxBodyBytes };
        }

        // A larger body is for a person's upload only: a signed caller declares its own on SignedBy, anyone gets the default.
        var maxBody = method.GetCustomAttribute<MaxBodyAttribute>();
        if (maxBody is not null && (roles is null || maxBody.Bytes <= 0))
        {
            return null;
        }

        // Likewise a longer budget: it is for a person's upload, declared within what the front end allows.
        var budget = method.GetCustomAttribute<TimeBudgetAttribute>();
        if (budget is not null && (roles is null || !budget.IsValid))
        {
            return null;
        }

        return (anonymous, roles) switch
        {
            (true, null) => new EndpointPolicy(true, new HashSet<string>()),
            (false, { Roles.Count: > 0 }) when roles.Objects is null || (!roles.Objects.IsAbstract && roles.Objects.IsAssignableTo(typeof(IObjectRule))) =>
                new EndpointPolicy(false, roles.Roles.ToHashSet(StringComparer.Ordinal), roles.Purpose, roles.RateLimited, roles.Objects)
                {
                    BrowserPage = method.GetCustomAttribute<BrowserPageAttribute>() is not null,
                    MaxBodyBytes = maxBody?.Bytes ?? RequestBody.MaxBytes,
                    RequestTimeout = budget is null ? null : TimeSpan.FromSeconds(budget.RequestSeconds),
                    BodyReadTimeout = budget is null ? null : TimeSpan.FromSeconds(budget.BodyReadSeconds),
                },
            _ => null,
        };
    }
}
