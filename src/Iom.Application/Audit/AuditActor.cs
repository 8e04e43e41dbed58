using Iom.Application.Identity;

namespace Iom.Application.Audit;

/// <summary>Who did it: enough to answer "who", without copying the whole token.</summary>
public sealed record AuditActor(string UserId, string? Agency, IReadOnlyList<string> Roles)
{
    public static AuditActor Of(Caller caller) => new(caller.UserId, caller.Agency, caller.Roles.Order(StringComparer.Ordinal).ToList());
}
