using Iom.Domain.Referrals;

namespace Iom.Domain.Panels;

/// <summary>
/// Which organisation chairs each panel under the Richmond terms of reference: the seeded default of a panel's chair
/// organisation, which is data from then on (a co-ordinator can change it).
/// </summary>
public static class ChairOrganisations
{
    public const string Probation = "Probation";
    public const string Police = "Police";
    public const string YouthOffendingTeam = "Youth Offending Team";

    /// <summary>IOM Panel and Strategic Group: Probation; ASB Panel: Police; DYO Panel: the Youth Offending Team.</summary>
    public static string Default(PanelCode panel) => panel switch
    {
        PanelCode.Asb => Police,
        PanelCode.Dyo => YouthOffendingTeam,
        _ => Probation,
    };
}
