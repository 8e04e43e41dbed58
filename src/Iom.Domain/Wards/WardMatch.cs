namespace Iom.Domain.Wards;

/// <summary>What a stored ward value is, against the configured list.</summary>
public enum WardMatch
{
    /// <summary>No ward was recorded.</summary>
    None,

    /// <summary>Already one of the list's codes: nothing to change.</summary>
    Code,

    /// <summary>Free text naming a ward of the list (its name or an alias): it becomes the code.</summary>
    Name,

    /// <summary>Anything else: reported, never guessed.</summary>
    Unknown,
}
