using Iom.Application.Identity;

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

public abstract class ObjectRule<T> : IObjectRule
{
    private readonly Dictionary<string, Func<Caller, T, bool>> clauses = new(StringComparer.Ordinal);
    private readonly HashSet<string> unrestricted = new(StringComparer.Ordinal);

    public Type ObjectType => typeof(T);

    public IReadOnlySet<string> Roles => clauses.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Callers in <paramref name="role"/> reach the objects for which <paramref name="when"/> holds.</summary>
    protected void Allow(string role, Func<Caller, T, bool> when) => clauses.Add(role, when);

    /// <summary>Callers in <paramref name="role"/> reach every object of the kind (e.g. co-ordinators, auditors).</summary>
    protected void AllowEvery(string role)
    {
        clauses.Add(role, (_, _) => true);
        unrestricted.Add(role);
    }

    public bool Allows(Caller caller, IReadOnlySet<string> endpointRoles, T item) =>
        clauses.Any(c => endpointRoles.Contains(c.Key) && caller.IsIn(c.Key) && c.Value(caller, item));

    /// <summary>Whether the caller may reach all objects of the kind at once (a whole-store check, a full list).</summary>
    public bool AllowsEvery(Caller caller, IReadOnlySet<string> endpointRoles) =>
        unrestricted.Any(role => endpointRoles.Contains(role) && caller.IsIn(role));
}

/// <summary>
/// The object rule of the endpoint being served, bound to that endpoint's roles. It records that it was applied, so
/// the pipeline can refuse to answer for an endpoint that declared a rule and never used it.
/// </summary>
public sealed class ObjectScope(IObjectRule rule, IReadOnlySet<string> endpointRoles)
{
    private volatile bool applied;

    public IObjectRule Rule { get; } = rule;

    public bool WasApplied => applied;

    public bool Allows<T>(Caller caller, T item) => Applied<T>().Allows(caller, endpointRoles, item);

    public bool AllowsEvery<T>(Caller caller) => Applied<T>().AllowsEvery(caller, endpointRoles);

    private ObjectRule<T> Applied<T>()
    {
        // Fail closed: the endpoint declared a rule for another kind of object than the one it touches.
        var typed = Rule as ObjectRule<T>
            ?? throw new InvalidOperationException($"The endpoint's object rule {Rule.GetType().Name} is not about {typeof(T).Name}.");
        applied = true;
        return typed;
    }
}
