using Iom.Domain.Releases;

namespace Iom.Application.Access;

/// <summary>Co-ordinators decide every possible match of a release notification: the list is the partnership's, not an agency's.</summary>
public sealed class ReleaseMatchAccess : ObjectRule<ReleaseMatch>
{
    public ReleaseMatchAccess() => AllowEvery(Identity.Roles.Coordinator);
}
