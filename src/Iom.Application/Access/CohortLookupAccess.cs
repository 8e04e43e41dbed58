namespace Iom.Application.Access;

/// <summary>
/// A duty prosecutor may ask about anyone whether they are in the cohort (Leeds recommendation 3): the answer is the
/// narrow one the look-up gives, never the person's records.
/// </summary>
public sealed class CohortLookupAccess : ObjectRule<PersonRef>
{
    public CohortLookupAccess() => AllowEvery(Identity.Roles.Prosecutor);
}
