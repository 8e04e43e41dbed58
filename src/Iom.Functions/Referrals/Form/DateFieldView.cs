namespace Iom.Functions.Referrals.Form;

internal sealed record DateFieldView(string Id, string? Error, DatePartView Day, DatePartView Month, DatePartView Year);
