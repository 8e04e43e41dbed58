using Iom.Application.Identity;

namespace Iom.Application.Access;

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
