using Iom.Domain.Performance;

namespace Iom.Application.Access;

/// <summary>
/// Who reaches a period's rollup in full: analysts and co-ordinators, every period (rollups hold aggregates, no
/// person). Councillors are not admitted: they read the ward-only, suppressed view of the dashboard instead.
/// </summary>
public sealed class RollupAccess : ObjectRule<ReportingPeriod>
{
    public RollupAccess()
    {
        AllowEvery(Identity.Roles.Analyst);
        AllowEvery(Identity.Roles.Coordinator);
    }
}
