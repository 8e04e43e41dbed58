namespace Iom.Functions.Referrals.Form;

internal sealed record FormOption(string Value, string Text, string? Hint = null);
