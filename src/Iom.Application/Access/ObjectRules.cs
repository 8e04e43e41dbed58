namespace Iom.Application.Access;

/// <summary>The object rules, for registration and for the tests that check every endpoint declares one.</summary>
public static class ObjectRules
{
    public static IReadOnlyList<Type> All { get; } = [typeof(ReferralAccess), typeof(PanelAccess), typeof(PersonAccess), typeof(PanelActionAccess), typeof(CohortLookupAccess), typeof(ReleaseMatchAccess), typeof(ReleaseAlertAccess), typeof(RollupAccess)];
}
