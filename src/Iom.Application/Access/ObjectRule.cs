using Iom.Application.Identity;

namespace Iom.Application.Access;

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
