namespace Iom.Application.Cohort.Lookup;

/// <summary>The route to the lead professional: their agency and work e-mail (secure domains), not their name.</summary>
public sealed record CohortContact(string Agency, string Email);
