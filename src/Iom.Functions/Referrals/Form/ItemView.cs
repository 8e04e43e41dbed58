namespace Iom.Functions.Referrals.Form;

internal sealed record ItemView(string Id, string Value, string Text, string? Hint, bool Checked);
