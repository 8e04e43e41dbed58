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
    /// <remarks>3: referrals by agency are keyed by the configured agency's code, anything else "unknown" (was the claim's text).</remarks>
    public const string DefinitionsVersion = "3";

    public const string Total = "total";
    public const string All = "all";
    public const string Unknown = "unknown";

    /// <summary>Working days before the meeting by which a referral is due in (domain.md, ASB rule 2.6).</summary>
    public const int ReferralCutoffWorkingDays = 10;

    /// <summary>The breakdowns of every cohort measure, in the order they are named.</summary>
    public static IReadOnlyList<string> CohortBreakdowns { get; } = [Total, "category", "cohort-type", "strand", "ward", "age-band", "gender", "ethnicity"];

    private static readonly ReferralStatus[] Outcomes = [ReferralStatus.Selected, ReferralStatus.Declined, ReferralStatus.Deferred, ReferralStatus.Withdrawn];

    /// <summary>The histograms the non-additive figures are read from.</summary>
    public const string DaysToDecision = "referrals.days-to-decision";
    public const string TimeToSend = "release-alerts.time-to-send";
    public const string TimeToAcknowledge = "release-alerts.time-to-acknowledge";

    /// <summary>The full fold: the sum of every fact's contribution (<see cref="Accumulate"/>), then the derived figures (<see cref="Derive"/>).</summary>
    /// <param name="today">The London date the rollup is computed on: the current period is measured to this day.</param>
    /// <param name="ni30">The configured NI 30 baseline and target; null: the NI 30 tables are left out.</param>
    public static Rollup Compute(ReportingPeriod period, DateOnly today, PerformanceFacts facts, RollupWatermark watermark, WorkingDayCalendar calendar, Ni30Target? ni30 = null)
    {
        ArgumentNullException.ThrowIfNull(watermark);
        return Derive(period, today, Accumulate(period, today, facts, calendar), watermark, ni30);
    }

    /// <summary>The sum of every fact's contribution to the period, measured to <paramref name="today"/>.</summary>
    public static RollupAccumulator Accumulate(ReportingPeriod period, DateOnly today, PerformanceFacts facts, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        Started(period, today);
        var accumulator = new RollupAccumulator();
        foreach (var person in facts.Cohort)
        {
            accumulator.Add(Contribution(period, today, person));
        }

        foreach (var referral in facts.Referrals)
        {
            accumulator.Add(Contribution(period, referral, calendar));
        }

        foreach (var circulation in facts.Circulations)
        {
            accumulator.Add(Contribution(period, circulation));
        }

        foreach (var alert in facts.Alerts)
        {
            accumulator.Add(Contribution(period, alert));
        }

        foreach (var action in facts.Actions)
        {
            accumulator.Add(Contribution(period, today, action));
        }

        foreach (var offender in facts.Offenders)
        {
            accumulator.Add(Contribution(period, offender));
        }

        return accumulator;
    }

    /// <summary>
    /// The rollup from a period's accumulated state: every table declared (so its shape does not depend on the data),
    /// the counts as accumulated, and the figures that do not add up (shares, medians, percentiles, hours) derived.
    /// </summary>
    /// <param name="ni30">The configured NI 30 baseline and target; null: the NI 30 tables are left out.</param>
    public static Rollup Derive(ReportingPeriod period, DateOnly today, RollupAccumulator accumulator, RollupWatermark watermark, Ni30Target? ni30 = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(accumulator);
        ArgumentNullException.ThrowIfNull(watermark);
        Started(period, today);
        var tables = new RollupTableBuilder();
        Declare(tables);
        // The re-offending section's counts are its own: it derives its tables (rates, provisional flags) from them.
        var reoffending = new ReoffendingSection.Counts();
        foreach (var (cell, value) in accumulator.Counts)
        {
            if (ReoffendingSection.Owns(cell.Measure))
            {
                reoffending.Add([new ReoffendingSection.CellDelta(cell.Measure, cell.Breakdown, cell.Key, checked((int)value))]);
            }
            else
            {
                tables.Count(cell.Measure, cell.Breakdown, cell.Key, checked((int)value));
            }
        }

        tables.Include(ReoffendingSection.Derive(period, today, reoffending, ni30));

        var toDecision = accumulator.HistogramOf(DaysToDecision);
        var measured = accumulator.CountOf("referrals.cutoff.measured", Total, All);
        var inTime = accumulator.CountOf("referrals.cutoff.met", Total, All);
        tables.Set("referrals.decided", Total, MeasureUnit.Count, All, toDecision.Count);
        tables.Set("referrals.days-to-decision.median", Total, MeasureUnit.WorkingDays, All, toDecision.Median());
        tables.Set("referrals.days-to-decision.p90", Total, MeasureUnit.WorkingDays, All, toDecision.Percentile(90));
        tables.Set("referrals.cutoff.measured", Total, MeasureUnit.Count, All, measured);
        tables.Set("referrals.cutoff.met", Total, MeasureUnit.Count, All, inTime);
        tables.Set("referrals.cutoff.share", Total, MeasureUnit.Share, All, Share(inTime, measured));

        foreach (var kind in CirculationKinds)
        {
            tables.Set("circulations.on-time.share", "kind", MeasureUnit.Share, kind,
                Share((long)tables.CountOf("circulations.on-time", "kind", kind), (long)tables.CountOf("circulations.due", "kind", kind)));
        }

        var toSend = accumulator.HistogramOf(TimeToSend);
        var toAcknowledge = accumulator.HistogramOf(TimeToAcknowledge);
        tables.Set("release-alerts.acknowledged", Total, MeasureUnit.Count, All, toAcknowledge.Count);
        tables.Set("release-alerts.time-to-send.median", Total, MeasureUnit.Hours, All, Hours(toSend.Median()));
        tables.Set("release-alerts.time-to-send.p90", Total, MeasureUnit.Hours, All, Hours(toSend.Percentile(90)));
        tables.Set("release-alerts.time-to-acknowledge.median", Total, MeasureUnit.Hours, All, Hours(toAcknowledge.Median()));
        tables.Set("release-alerts.time-to-acknowledge.p90", Total, MeasureUnit.Hours, All, Hours(toAcknowledge.Percentile(90)));
        return new Rollup(period.Name, DefinitionsVersion, watermark, period.IsComplete(today), tables.Build());
    }

    private static IReadOnlyList<string> CirculationKinds { get; } = [.. new[] { CirculationKind.Agenda, CirculationKind.Minutes }.Select(k => WireNames.Of(k))];

    private static void Started(ReportingPeriod period, DateOnly today)
    {
        if (today < period.Start)
        {
            throw new ArgumentOutOfRangeException(nameof(today), today, $"{period.Name} has not started.");
        }
    }

    // Every table a rollup always has, with the cells it always has.
    private static void Declare(RollupTableBuilder tables)
    {
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

        foreach (var measure in Outcomes.Select(o => "referrals." + WireNames.Of(o)).Prepend("referrals.received"))
        {
            tables.Declare(measure, Total, MeasureUnit.Count, [All]);
            tables.Declare(measure, "agency", MeasureUnit.Count, [Unknown]);
        }

        tables.Declare("circulations.due", "kind", MeasureUnit.Count, CirculationKinds);
        tables.Declare("circulations.on-time", "kind", MeasureUnit.Count, CirculationKinds);
        tables.Declare("release-alerts.raised", Total, MeasureUnit.Count, [All]);
        tables.Declare("release-alerts.raised", "kind", MeasureUnit.Count, WireNames.All<ReleaseAlertKind>());
        foreach (var measure in new[] { "actions.due", "actions.done-on-time", "actions.overdue" })
        {
            tables.Declare(measure, Total, MeasureUnit.Count, [All]);
        }
    }

    /// <summary>One person's cohort cells in the period, measured to <paramref name="today"/>.</summary>
    public static RollupContribution Contribution(ReportingPeriod period, DateOnly today, CohortFact person)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(person);
        var contribution = new RollupContribution();
        // Size is taken on the period's last day, or today while the period runs.
        var sizeDay = today < period.LastDay ? today : period.LastDay;
        // One spell covers a day at most; the last, as CohortMembership.On reads it.
        if (person.Spells.LastOrDefault(s => s.Covers(sizeDay)) is { } current)
        {
            CountPerson(contribution, "cohort.size", current, person.Profile, sizeDay);
        }

        foreach (var spell in person.Spells)
        {
            if (period.Contains(spell.From) && spell.From <= today)
            {
                CountPerson(contribution, "cohort.flow-in", spell, person.Profile, spell.From);
            }

            if (spell.To is { } to && period.Contains(to) && to <= today)
            {
                CountPerson(contribution, "cohort.flow-out", spell, person.Profile, to);
            }
        }

        return contribution;
    }

    /// <summary>
    /// The days after which <see cref="Contribution(ReportingPeriod, DateOnly, CohortFact)"/> may differ from the
    /// day before for some period, although the fact has not changed: a spell starting or ending (its day, and the
    /// day after it ends), and a birthday moving the person into another age band while in the cohort. Days after
    /// <paramref name="after"/> only. May name a day on which nothing changes; never misses one.
    /// </summary>
    public static IEnumerable<DateOnly> ChangeDays(CohortFact person, DateOnly after)
    {
        ArgumentNullException.ThrowIfNull(person);
        var days = new SortedSet<DateOnly>();
        foreach (var spell in person.Spells)
        {
            days.Add(spell.From);
            if (spell.To is { } to)
            {
                days.Add(to);
                days.Add(to.AddDays(1));
            }
        }

        if (person.Profile.DateOfBirth is { } born && person.Spells.Count > 0)
        {
            var from = person.Spells.Min(s => s.From);
            var until = person.Spells.Any(s => s.To is null) ? DateOnly.MaxValue : person.Spells.Max(s => s.To!.Value).AddDays(1);
            days.Add(born);
            foreach (var age in AgeBands.Boundaries)
            {
                // A 29 February birthday is kept on 28 February or 1 March depending on the year: both are named.
                var birthday = born.AddYears(age);
                foreach (var day in new[] { birthday.AddDays(-1), birthday, birthday.AddDays(1) })
                {
                    if (day >= from && day <= until)
                    {
                        days.Add(day);
                    }
                }
            }
        }

        return days.Where(d => d > after);
    }

    // One person in every breakdown of a measure: each breakdown has exactly one cell for them, so cells add up to the total.
    private static void CountPerson(RollupContribution tables, string measure, CohortSpellFact spell, PersonProfile profile, DateOnly day)
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

    /// <summary>One referral's cells and histogram values in the period (nothing in it depends on today).</summary>
    public static RollupContribution Contribution(ReportingPeriod period, ReferralFact referral, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(calendar);
        var tables = new RollupContribution();
        var agency = string.IsNullOrWhiteSpace(referral.Agency) ? Unknown : referral.Agency;
        if (period.Contains(referral.Received))
        {
            tables.Count("referrals.received", Total, All);
            tables.Count("referrals.received", "agency", agency);
            if (referral.MeetingDate is { } meeting)
            {
                tables.Count("referrals.cutoff.measured", Total, All);
                tables.Count("referrals.cutoff.met", Total, All, referral.Received <= calendar.AddWorkingDays(meeting, -ReferralCutoffWorkingDays) ? 1 : 0);
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
            tables.Sample(DaysToDecision, calendar.WorkingDaysBetween(referral.Received, decision.On));
        }

        return tables;
    }

    /// <summary>One circulation's cells in the period.</summary>
    public static RollupContribution Contribution(ReportingPeriod period, CirculationFact circulation)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(circulation);
        var tables = new RollupContribution();
        if (period.Contains(circulation.Due))
        {
            var kind = WireNames.Of(circulation.Kind);
            tables.Count("circulations.due", "kind", kind);
            tables.Count("circulations.on-time", "kind", kind, circulation.OnTime ? 1 : 0);
        }

        return tables;
    }

    /// <summary>A person's re-offending counts for the period (<see cref="ReoffendingSection.ContributionOf"/>): a function of the person and the period only.</summary>
    public static RollupContribution Contribution(ReportingPeriod period, OffenderFact offender)
    {
        var contribution = new RollupContribution();
        foreach (var delta in ReoffendingSection.ContributionOf(offender, period))
        {
            contribution.Count(delta.Measure, delta.Breakdown, delta.Key, delta.By);
        }

        return contribution;
    }

    /// <summary>One release alert's cells and histogram values in the period.</summary>
    public static RollupContribution Contribution(ReportingPeriod period, ReleaseAlertFact alert)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(alert);
        var tables = new RollupContribution();
        if (period.Contains(alert.Raised))
        {
            tables.Count("release-alerts.raised", Total, All);
            tables.Count("release-alerts.raised", "kind", WireNames.Of(alert.Kind));
            tables.Sample(TimeToSend, alert.MinutesToSend);
            if (alert.MinutesToAcknowledge is { } minutes)
            {
                tables.Sample(TimeToAcknowledge, minutes);
            }
        }

        return tables;
    }

    /// <summary>One action's cells in the period, seen on <paramref name="today"/>.</summary>
    public static RollupContribution Contribution(ReportingPeriod period, DateOnly today, ActionFact action)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(action);
        var tables = new RollupContribution();
        // An action due on the period's last day is overdue the day after, so a finished period looks from its end.
        var asOf = today < period.End ? today : period.End;
        if (period.Contains(action.Due))
        {
            tables.Count("actions.due", Total, All);
            tables.Count("actions.done-on-time", Total, All, action.DoneOnTime ? 1 : 0);
            tables.Count("actions.overdue", Total, All, action.Overdue(asOf) ? 1 : 0);
        }

        return tables;
    }

    /// <summary>The days after <paramref name="after"/> on which an unchanged action's contribution may change: an open action becomes overdue the day after it is due.</summary>
    public static IEnumerable<DateOnly> ChangeDays(ActionFact action, DateOnly after)
    {
        ArgumentNullException.ThrowIfNull(action);
        var overdue = action.Due.AddDays(1);
        return action.Done is null && overdue > after ? [overdue] : [];
    }

    private static decimal? Share(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    private static decimal? Hours(decimal? minutes) => minutes is { } m ? Math.Round(m / 60m, 2, MidpointRounding.AwayFromZero) : null;
}
