namespace Iom.Functions.Referrals.Form;

internal sealed record DatePartView(string Id, string? Value, bool Error);
