namespace Iom.Application.Wards;

/// <summary>One ward: its ONS code, its name, any other names it was written as (former names, spellings), and whether it is retired.</summary>
public sealed class WardOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    /// <summary>True for a ward abolished by a boundary review: still read and counted, no longer offered or accepted on a new referral.</summary>
    public bool Retired { get; set; }
}
