using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Panels.Circulations;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Performance.Reoffending;
using Iom.Domain.Referrals;
using Iom.Domain.Releases;
using Iom.Domain.Wire;

namespace Iom.Domain.Performance;

/// <summary>
/// Folds <see cref="PerformanceFacts"/> into one period's <see cref="Rollup"/> (definitions in
/// docs/performance-measures.md, "Rollups"). Pure and deterministic: no clock (the caller says what day it is), no
/// culture, and every table and cell in a fixed order, so the same facts give the same rollup and the same bytes.
/// </summary>
public static class RollupCalculator
{
    /// <summary>Bumped whenever a definition below changes, so a stored rollup says which definitions it follows.</summary>
    public const string DefinitionsVersion = "2";

    public const string Total = "total";
    public const string All = "all";
    public const string Unknown = "unknown";

    /// <summary>Working days before the meeting by which a referral is due in (domain.md, ASB rule 2.6).</summary>
    public const int ReferralCutoffWorkingDays = 10;

    /// <summary>The breakdowns of every cohort measure, in the order they are named.</summary>
    public static IReadOnlyList<string> CohortBreakdowns { get; } = [Total, "category", "cohort-type", "strand", "ward", "age-band", "gender", "ethnicity"];

    private static readonly ReferralStatus[] Outcomes = [ReferralStatus.Selected, ReferralStatus.Declined, ReferralStatus.Deferred, ReferralStatus.Withdrawn];

    /// <param name="today">The London date the rollup is computed on: the current period is measured to this day.</param>
    /// <param name="ni30">The configured NI 30 baseline and target; null: the NI 30 tables are left out.</param>
    public static Rollup Compute(ReportingPeriod period, DateOnly today, PerformanceFacts facts, RollupWatermark watermark, WorkingDayCalendar calendar, Ni30Target? ni30 = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(watermark);
        ArgumentNullException.ThrowIfNull(calendar);
        if (today < period.Start)
        {
            throw new ArgumentOutOfRangeException(nameof(today), today, $"{period.Name} has not started.");
        }

        var tables = new RollupTableBuilder();
        Cohort(tables, period, today, facts.Cohort);
        Referrals(tables, period, facts.Referrals, calendar);
        Circulations(tables, period, facts.Circulations);
        Alerts(tables, period, facts.Alerts);
        Actions(tables, period, today, facts.Actions);
        tables.Include(ReoffendingSection.Compute(period, today, facts.Offenders, ni30));
        return new Rollup(period.Name, DefinitionsVersion, watermark, period.IsComplete(today), tables.Build());
    }

    private static void Cohort(RollupTableBuilder tables, ReportingPeriod period, DateOnly today, IEnumerable<CohortFact> cohort)
    {
        // Size is taken on the period's last day, or today while the period runs.
        var sizeDay = today < period.LastDay ? today : period.LastDay;
        foreach (var measure in new[] { "cohort.size", "cohort.flow-in", "cohort.flow-out" })
        {
            tables.Declare(measure, Total, MeasureUnit.Count, [All]);
            tables.Declare(measure, "category", MeasureUnit.Count, WireNames.All<CohortCategory>());
            tables.Declare(measure, "cohort-type", MeasureUnit.Count, WireNames.All<CohortType>());
            tables.Declare(measure, "age-band", MeasureUnit.Count, [.. AgeBands.All, Unknown]);
            foreach (var open in new[] { "strand", "ward", "gender", "ethnicity" })
            {
                tables.Declare(measure, open, MeasureUnit.Count, [Unknown]);
            }
        }

        foreach (var person in cohort)
        {
            // One spell covers a day at most; the last, as CohortMembership.On reads it.
            if (person.Spells.LastOrDefault(s => s.Covers(sizeDay)) is { } current)
            {
                CountPerson(tables, "cohort.size", current, person.Profile, sizeDay);
            }

            foreach (var spell in person.Spells)
            {
                if (period.Contains(spell.From) && spell.From <= today)
                {
                    CountPerson(tables, "cohort.flow-in", spell, person.Profile, spell.From);
                }

                if (spell.To is { } to && period.Contains(to) && to <= today)
                {
                    CountPerson(tables, "cohort.flow-out", spell, person.Profile, to);
                }
            }
        }
    }

    // One person in every breakdown of a measure: each breakdown has exactly one cell for them, so cells add up to the total.
    private static void CountPerson(RollupTableBuilder tables, string measure, CohortSpellFact spell, PersonProfile profile, DateOnly day)
    {
        tables.Count(measure, Total, All);
        tables.Count(measure, "category", WireNames.Of(spell.Category));
        tables.Count(measure, "cohort-type", WireNames.Of(spell.CohortType));
        // A plan can work in several strands; the combination is the key, so a person is counted once.
        tables.Count(measure, "strand", spell.Strands.Count == 0 ? Unknown : string.Join('+', spell.Strands.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
        tables.Count(measure, "ward", profile.Ward ?? Unknown);
        tables.Count(measure, "age-band", AgeBands.On(profile.DateOfBirth, day) ?? Unknown);
        tables.Count(measure, "gender", profile.Gender ?? Unknown);
        tables.Count(measure, "ethnicity", profile.Ethnicity ?? Unknown);
    }

    private static void Referrals(RollupTableBuilder tables, ReportingPeriod period, IEnumerable<ReferralFact> referrals, WorkingDayCalendar calendar)
    {
        foreach (var measure in Outcomes.Select(o => "referrals." + WireNames.Of(o)).Prepend("referrals.received"))
        {
            tables.Declare(measure, Total, MeasureUnit.Count, [All]);
            tables.Declare(measure, "agency", MeasureUnit.Count, [Unknown]);
        }

        var toDecision = new Histogram();
        var measured = 0;
        var inTime = 0;
        foreach (var referral in referrals)
        {
            var agency = string.IsNullOrWhiteSpace(referral.Agency) ? Unknown : referral.Agency;
            if (period.Contains(referral.Received))
            {
                tables.Count("referrals.received", Total, All);
                tables.Count("referrals.received", "agency", agency);
                if (referral.MeetingDate is { } meeting)
                {
                    measured++;
                    inTime += referral.Received <= calendar.AddWorkingDays(meeting, -ReferralCutoffWorkingDays) ? 1 : 0;
                }
            }

            foreach (var outcome in referral.Outcomes.Where(o => period.Contains(o.On)))
            {
                var measure = "referrals." + WireNames.Of(outcome.Outcome);
                tables.Count(measure, Total, All);
                tables.Count(measure, "agency", agency);
            }

            if (referral.Decision is { } decision && period.Contains(decision.On))
            {
                toDecision.Add(calendar.WorkingDaysBetween(referral.Received, decision.On));
            }
        }

        tables.Set("referrals.decided", Total, MeasureUnit.Count, All, toDecision.Count);
        tables.Set("referrals.days-to-decision.median", Total, MeasureUnit.WorkingDays, All, toDecision.Median());
        tables.Set("referrals.days-to-decision.p90", Total, MeasureUnit.WorkingDays, All, toDecision.Percentile(90));
        tables.Set("referrals.cutoff.measured", Total, MeasureUnit.Count, All, measured);
        tables.Set("referrals.cutoff.met", Total, MeasureUnit.Count, All, inTime);
        tables.Set("referrals.cutoff.share", Total, MeasureUnit.Share, All, Share(inTime, measured));
    }

    private static void Circulations(RollupTableBuilder tables, ReportingPeriod period, IEnumerable<CirculationFact> circulations)
    {
        var kinds = new[] { CirculationKind.Agenda, CirculationKind.Minutes }.Select(k => WireNames.Of(k)).ToList();
        tables.Declare("circulations.due", "kind", MeasureUnit.Count, kinds);
        tables.Declare("circulations.on-time", "kind", MeasureUnit.Count, kinds);
        foreach (var circulation in circulations.Where(c => period.Contains(c.Due)))
        {
            var kind = WireNames.Of(circulation.Kind);
            tables.Count("circulations.due", "kind", kind);
            tables.Count("circulations.on-time", "kind", kind, circulation.OnTime ? 1 : 0);
        }

        foreach (var kind in kinds)
        {
            tables.Set("circulations.on-time.share", "kind", MeasureUnit.Share, kind,
                Share((int)tables.CountOf("circulations.on-time", "kind", kind), (int)tables.CountOf("circulations.due", "kind", kind)));
        }
    }

    private static void Alerts(RollupTableBuilder tables, ReportingPeriod period, IEnumerable<ReleaseAlertFact> alerts)
    {
        tables.Declare("release-alerts.raised", Total, MeasureUnit.Count, [All]);
        tables.Declare("release-alerts.raised", "kind", MeasureUnit.Count, WireNames.All<ReleaseAlertKind>());
        var toSend = new Histogram();
        var toAcknowledge = new Histogram();
        foreach (var alert in alerts.Where(a => period.Contains(a.Raised)))
        {
            tables.Count("release-alerts.raised", Total, All);
            tables.Count("release-alerts.raised", "kind", WireNames.Of(alert.Kind));
            toSend.Add(alert.MinutesToSend);
            if (alert.MinutesToAcknowledge is { } minutes)
            {
                toAcknowledge.Add(minutes);
            }
        }

        tables.Set("release-alerts.acknowledged", Total, MeasureUnit.Count, All, toAcknowledge.Count);
        tables.Set("release-alerts.time-to-send.median", Total, MeasureUnit.Hours, All, Hours(toSend.Median()));
        tables.Set("release-alerts.time-to-send.p90", Total, MeasureUnit.Hours, All, Hours(toSend.Percentile(90)));
        tables.Set("release-alerts.time-to-acknowledge.median", Total, MeasureUnit.Hours, All, Hours(toAcknowledge.Median()));
        tables.Set("release-alerts.time-to-acknowledge.p90", Total, MeasureUnit.Hours, All, Hours(toAcknowledge.Percentile(90)));
    }

    private static void Actions(RollupTableBuilder tables, ReportingPeriod period, DateOnly today, IEnumerable<ActionFact> actions)
    {
        // An action due on the period's last day is overdue the day after, so a finished period looks from its end.
        var asOf = today < period.End ? today : period.End;
        foreach (var measure in new[] { "actions.due", "actions.done-on-time", "actions.overdue" })
        {
            tables.Declare(measure, Total, MeasureUnit.Count, [All]);
        }

        foreach (var action in actions.Where(a => period.Contains(a.Due)))
        {
            tables.Count("actions.due", Total, All);
            tables.Count("actions.done-on-time", Total, All, action.DoneOnTime ? 1 : 0);
            tables.Count("actions.overdue", Total, All, action.Overdue(asOf) ? 1 : 0);
        }
    }

    private static decimal? Share(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static decimal? Hours(decimal? minutes) => minutes is { } m ? Math.Round(m / 60m, 2, MidpointRounding.AwayFromZero) : null;
}
