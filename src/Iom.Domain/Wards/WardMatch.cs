using Iom.Domain.Wire;

namespace Iom.Domain.Wards;

/// <summary>What a stored ward value is, against the configured list (named like every domain enum, should it reach a report).</summary>
public enum WardMatch
{
    /// <summary>No ward was recorded.</summary>
    [WireName("none")] None,

    /// <summary>Already one of the list's codes: nothing to change.</summary>
    [WireName("code")] Code,

    /// <summary>Free text naming a ward of the list (its name or an alias): it becomes the code.</summary>
    [WireName("name")] Name,

    /// <summary>Anything else: reported, never guessed.</summary>
    [WireName("unknown")] Unknown,
}
