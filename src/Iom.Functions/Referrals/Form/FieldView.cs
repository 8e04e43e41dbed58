namespace Iom.Functions.Referrals.Form;

internal sealed record FieldView(string Id, string? Value, string? Error, IReadOnlyList<ItemView> Items);
