using Iom.Domain.Wire;

namespace Iom.Domain.Panels.Minutes;

/// <summary>Where a version of the minutes stands: edited, being applied, or final (immutable).</summary>
public enum MinutesStatus
{
    [WireName("draft")] Draft,
    [WireName("finalising")] Finalising,
    [WireName("final")] Final,
}
