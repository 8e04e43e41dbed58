namespace Iom.Application.Panels.Membership;

public sealed record ChangeChairOrganisationRequest
{
    /// <summary>The organisation the panel's chair comes from (the terms of reference's, unless they change).</summary>
    public string? Organisation { get; init; }

    /// <summary>The day the change takes effect (YYYY-MM-DD), today or later; today when absent.</summary>
    public string? EffectiveFrom { get; init; }
}
