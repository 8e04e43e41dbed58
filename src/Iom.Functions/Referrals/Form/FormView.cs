namespace Iom.Functions.Referrals.Form;

internal sealed record FormView(IReadOnlyDictionary<string, object> Fields, IReadOnlyList<ErrorLink> Errors);
