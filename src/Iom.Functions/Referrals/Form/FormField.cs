namespace Iom.Functions.Referrals.Form;

/// <param name="Name">The form field's name and its input's id (a date's parts add -day, -month, -year).</param>
/// <param name="Path">The JSON path the API and the validator key this field's errors by.</param>
/// <param name="WhenBlank">A plainer message than the API's, used when the field was left empty.</param>
internal sealed record FormField(string Name, string Path, FieldKind Kind, IReadOnlyList<FormOption> Options, string? WhenBlank = null);
