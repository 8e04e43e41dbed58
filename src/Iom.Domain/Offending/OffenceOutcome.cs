using Iom.Domain.Wire;

namespace Iom.Domain.Offending;

/// <summary>How an offence was proven: both count towards proven re-offending.</summary>
public enum OffenceOutcome
{
    [WireName("conviction")] Conviction,
    [WireName("caution")] Caution,
}
