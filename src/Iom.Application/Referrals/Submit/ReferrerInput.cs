namespace Iom.Application.Referrals.Submit;

public sealed record ReferrerInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}
