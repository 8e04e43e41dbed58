using Iom.Domain.Wire;

namespace Iom.Domain.Releases;

/// <summary>Which door a release notification came in by: they all make the same <see cref="ReleaseReport"/>.</summary>
public enum ReleaseSource
{
    /// <summary>A prison's system, signed with the prison's key (<c>POST /api/prison-releases</c>).</summary>
    [WireName("prison")] Prison,

    /// <summary>A prison link (role <c>iom.prison-link</c>) on the form at <c>/api/prison-releases/new</c>.</summary>
    [WireName("form")] Form,

    /// <summary>The HMPPS domain event <c>prison-offender-events.prisoner.released</c>, from the queue or the signed relay door.</summary>
    [WireName("national")] National,
}
