namespace Iom.Domain.Panels.Minutes;

/// <summary>
/// Someone present: a member (<see cref="MemberId"/>), or a delegate standing in for one (<see cref="DelegateFor"/>,
/// with their own name, organisation and e-mail). A delegate counts for the organisation of the member they stand in for.
/// </summary>
public sealed record MinutesAttendee(string? MemberId, string? DelegateFor, string? Name, string? Organisation, string? Email)
{
    public static MinutesAttendee Member(string memberId) => new(memberId, null, null, null, null);

    public static MinutesAttendee Delegate(string delegateFor, string name, string organisation, string email) =>
        new(null, delegateFor, name, organisation, email);

    public bool IsDelegate => DelegateFor is not null;
}
