namespace Iom.Domain.Agencies;

/// <summary>A partner agency, as the partnership configures it.</summary>
/// <param name="Code">Lower-case, e.g. <c>probation</c>: what the caller's <c>agency</c> claim carries and rollups are keyed by.</param>
/// <param name="Name">Shown wherever the agency is named to a reader (the dashboard, the rollup CSV, the sign-in page).</param>
/// <param name="Retired">An agency no longer in the partnership: its past referrals are still named and counted, but
/// its staff cannot make new ones.</param>
public sealed record Agency(string Code, string Name, bool Retired = false);
