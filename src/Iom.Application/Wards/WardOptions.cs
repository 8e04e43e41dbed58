namespace Iom.Application.Wards;

/// <summary>One ward: its ONS code, its name, and any other names it was written as (former names, spellings).</summary>
public sealed class WardOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Aliases { get; set; } = [];
}
