namespace Iom.Domain.Cohort;

/// <summary>The professional who leads a cohort member's case: the route partners (and prosecutors) are given to contact.</summary>
/// <param name="ObjectId">Their Entra object id when they sign in to this system.</param>
public sealed record LeadProfessional(string Name, string Agency, string Email, string? ObjectId);
