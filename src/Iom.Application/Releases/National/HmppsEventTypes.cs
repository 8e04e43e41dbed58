namespace Iom.Application.Releases.National;

/// <summary>The HMPPS domain event types the national door acts on; every other type is ignored (and logged).</summary>
public static class HmppsEventTypes
{
    public const string Released = "prison-offender-events.prisoner.released";
    public const string Merged = "prison-offender-events.prisoner.merged";
}
