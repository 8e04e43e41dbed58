using Iom.Application.Access;
using Iom.Application.Errors;
using Iom.Application.Identity;

namespace Iom.Application.Audit;

/// <summary>
/// Who is acting, within which request, and why: what every audit record needs. <see cref="Scope"/> is the
/// object rule the endpoint declared; system actors (timers, queues) have none and reach objects without one.
/// </summary>
/// <param name="Purpose">The endpoint's declared purpose: always what the audit record's purpose says.</param>
public sealed record ActingAs(Caller Caller, string CorrelationId, string Purpose)
{
    public ObjectScope? Scope { get; init; }

    /// <summary>What the caller said they are acting for (X-IOM-Purpose), recorded beside <see cref="Purpose"/>.</summary>
    public string? StatedPurpose { get; init; }

    public AuditEntry Entry(string personId, AuditOperation operation, string subject, DateTimeOffset at, IReadOnlyList<string>? recipients = null) =>
        new(personId, operation, subject, AuditActor.Of(Caller), Purpose, at, CorrelationId, recipients) { StatedPurpose = StatedPurpose };

    /// <summary>
    /// The object, if it exists and the endpoint's declared object rule lets this caller reach it. Otherwise the
    /// <paramref name="notFound"/> refusal: a denied object is told apart from a missing one by nobody.
    /// </summary>
    public T Reach<T>(T? item, Func<RefusalException> notFound) =>
        item is not null && DeclaredScope<T>().Allows(Caller, item) ? item : throw notFound();

    /// <summary>
    /// For a request about every object of a kind at once (a whole-store check): allowed only to a role whose clause
    /// in the declared rule reaches every object; anyone else gets <paramref name="refusal"/>.
    /// </summary>
    public void ReachEvery<T>(Func<RefusalException> refusal)
    {
        if (!DeclaredScope<T>().AllowsEvery<T>(Caller))
        {
            throw refusal();
        }
    }

    // Fail closed: a request that reaches objects must come from an endpoint that declared who may.
    private ObjectScope DeclaredScope<T>() =>
        Scope ?? throw new InvalidOperationException($"The endpoint declares no object rule, so it may not reach a {typeof(T).Name}.");
}
