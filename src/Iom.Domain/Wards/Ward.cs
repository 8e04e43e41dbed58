namespace Iom.Domain.Wards;

/// <summary>A ward of the local authority, as the partnership configures it.</summary>
/// <param name="Code">The ONS (GSS) ward code, e.g. <c>E05013764</c>: what referrals store and measures are keyed by.</param>
/// <param name="Name">The ward's current name, shown beside the code.</param>
/// <param name="Aliases">Other names the ward was written as (former names, spellings): free text is mapped through them.</param>
/// <param name="Retired">A ward abolished by a boundary review: its code is still read, named and counted in the
/// records that hold it, but it is not offered on the form nor accepted on a new referral.</param>
public sealed record Ward(string Code, string Name, IReadOnlyList<string> Aliases, bool Retired = false);
