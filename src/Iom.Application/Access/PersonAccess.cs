namespace Iom.Application.Access;

/// <summary>Auditors reach every person's audit log and records: that is their job under the DPA.</summary>
public sealed class PersonAccess : ObjectRule<PersonRef>
{
    public PersonAccess() => AllowEvery(Identity.Roles.Auditor);
}
