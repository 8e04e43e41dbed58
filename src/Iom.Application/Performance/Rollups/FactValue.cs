using Iom.Domain.Calendar;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;

namespace Iom.Application.Performance.Rollups;

/// <summary>One fact of any kind, as the fact index stores it; exactly one member is set.</summary>
public sealed record FactValue(
    ReferralFact? Referral = null,
    CohortFact? Cohort = null,
    CirculationFact? Circulation = null,
    ReleaseAlertFact? Alert = null,
    ActionFact? Action = null,
    OffenderFact? Offender = null)
{
    public static string KeyOfReferral(string id) => "referral|" + id;

    public static string KeyOfCohort(string personId) => "cohort|" + personId;

    public static string KeyOfCirculation(string id) => "circulation|" + id;

    public static string KeyOfAlert(string id) => "alert|" + id;

    public static string KeyOfAction(string id) => "action|" + id;

    public static string KeyOfOffender(string personId) => "offender|" + personId;

    /// <summary>The fact's contribution to a period seen on a day; nothing for no fact.</summary>
    public static RollupContribution Contribution(FactValue? fact, ReportingPeriod period, DateOnly today, WorkingDayCalendar calendar) => fact switch
    {
        { Referral: { } r } => RollupCalculator.Contribution(period, r, calendar),
        { Cohort: { } c } => RollupCalculator.Contribution(period, today, c),
        { Circulation: { } c } => RollupCalculator.Contribution(period, c),
        { Alert: { } a } => RollupCalculator.Contribution(period, a),
        { Action: { } a } => RollupCalculator.Contribution(period, today, a),
        { Offender: { } o } => RollupCalculator.Contribution(period, o),
        _ => RollupContribution.None,
    };

    /// <summary>Days after <paramref name="after"/> on which the unchanged fact's contribution may change.</summary>
    public static IEnumerable<DateOnly> ChangeDays(FactValue? fact, DateOnly after) => fact switch
    {
        { Cohort: { } c } => RollupCalculator.ChangeDays(c, after),
        { Action: { } a } => RollupCalculator.ChangeDays(a, after),
        _ => [],
    };

    /// <summary>Every fact of a full pass with its key.</summary>
    public static IEnumerable<(string Key, FactValue Fact)> All(PerformanceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        foreach (var f in facts.Referrals)
        {
            yield return (KeyOfReferral(f.Id), new FactValue(Referral: f));
        }

        foreach (var f in facts.Cohort)
        {
            yield return (KeyOfCohort(f.PersonId), new FactValue(Cohort: f));
        }

        foreach (var f in facts.Circulations)
        {
            yield return (KeyOfCirculation(f.Id), new FactValue(Circulation: f));
        }

        foreach (var f in facts.Alerts)
        {
            yield return (KeyOfAlert(f.Id), new FactValue(Alert: f));
        }

        foreach (var f in facts.Actions)
        {
            yield return (KeyOfAction(f.Id), new FactValue(Action: f));
        }

        foreach (var f in facts.Offenders)
        {
            yield return (KeyOfOffender(f.PersonId), new FactValue(Offender: f));
        }
    }
}
