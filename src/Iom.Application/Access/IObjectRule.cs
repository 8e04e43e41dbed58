namespace Iom.Application.Access;

/// <summary>
/// An object-level rule, declared on an endpoint beside its roles (<c>[AllowRoles(..., Objects = typeof(...))]</c>):
/// for each role, which objects of one kind a caller holding it may reach. Only the clauses of roles the endpoint
/// admits count, so one rule serves every endpoint on that kind of object (a referrer reaches their own agency's
/// referrals both to read and to withdraw them).
/// </summary>
public interface IObjectRule
{
    Type ObjectType { get; }

    /// <summary>The roles this rule has a clause for; a role an endpoint admits without a clause reaches nothing.</summary>
    IReadOnlySet<string> Roles { get; }
}
