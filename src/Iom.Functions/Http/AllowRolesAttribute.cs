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
