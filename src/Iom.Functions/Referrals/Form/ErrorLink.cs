namespace Iom.Functions.Referrals.Form;

/// <param name="Href">The fragment of the input to go to; null when the error belongs to no field on the page.</param>
internal sealed record ErrorLink(string Text, string? Href);
