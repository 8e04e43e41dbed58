using System.Diagnostics;
using Iom.Application.Audit;
using Iom.Application.Cohort;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Ports.Queues;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.LoadBench;

/// <summary>
/// Fills a data folder the way a year of real use would: monthly meetings for each panel, then
/// <c>count</c> referrals submitted through the application's own <see cref="SubmitReferralHandler"/> (claims,
/// reference, locator, listing, referral and audit record, exactly as the API stores them), in parallel, each at its
/// own moment of the past year. The host is built with the same composition but never started; only its clock and
/// queue differ: acknowledgements of seeded referrals are not queued, so the measured run does not also send them.
/// </summary>
internal static class Seeder
{
    public static readonly TimeSpan History = TimeSpan.FromDays(365);

    public static async Task<TimeSpan> SeedAsync(string[] hostArgs, int count, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = new SeedingClock();
        var app = LocalHostApp.Build(hostArgs, overrideServices: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IQueueSender, DiscardingQueue>();
        });
        await using var _ = app;
        var started = Stopwatch.GetTimestamp();
        var from = DateTimeOffset.UtcNow - History;
        await AddMeetingsAsync(app.Services.GetRequiredService<IDocumentStore>(), LondonTime.LondonDate(from), cancellationToken);

        var handler = app.Services.GetRequiredService<SubmitReferralHandler>();
        var callers = Enumerable.Range(0, 64)
            .Select(i => new Caller($"seed-{i}", "Seed Referrer", $"seed{i}@police.example.gov.uk", "police", new HashSet<string> { Roles.Referrer }))
            .ToArray();
        // Exactly `count` stored: a submission that fails (SQLite's busy timeout on a starved machine) frees its slot
        // for another person; the number of failures is reported.
        long next = -1, slots = 0;
        // As many submissions at once as the measured rounds have callers: the store commits concurrent writes as a
        // group, so seeding runs as fast as the app takes referrals in (8 at a time left most of each sync unshared).
        await Task.WhenAll(Enumerable.Range(0, callers.Length).Select(async _ =>
        {
            while (Interlocked.Increment(ref slots) <= count)
            {
                var n = Interlocked.Increment(ref next);
                // As a fraction first: History (in ticks) times n overflows a TimeSpan past about 29,000 referrals.
                var at = from + (History * ((double)Math.Min(n, count - 1) / count));
                SeedingClock.Now.Value = at;
                var actor = new ActingAs(callers[n % callers.Length], $"seed-{n}", SubmitReferralHandler.Purpose);
                try
                {
                    await handler.HandleAsync(Referrals.For(n, LondonTime.LondonDate(at)), actor, cancellationToken);
                    if ((n + 1) % 10_000 == 0)
                    {
                        log.WriteLine($"  seeded {n + 1:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Interlocked.Decrement(ref slots);
                    log.WriteLine($"  seeding: referral {n} failed and is replaced: {exception.Message}");
                }
            }
        }));
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>A person the release benchmark can notify: known by prison number, in the IOM cohort.</summary>
    public sealed record CohortPerson(long N, string PrisonNumber, string PersonId, SubmitReferralRequest Referral);

    /// <summary>
    /// <paramref name="count"/> people working with the partnership as the release flow needs them: each referred by the
    /// police through <see cref="SubmitReferralHandler"/> with a prison number (so matching finds them by it, as the
    /// identity claims say), then put in the IOM cohort with a probation lead professional on
    /// <paramref name="leadEmail"/>, as finalised minutes put them. Every referral is an IOM one (person 3k), so the
    /// co-ordinator is the same for all. The referrals' acknowledgements are discarded like the seeded ones above.
    /// </summary>
    public static async Task<IReadOnlyList<CohortPerson>> SeedCohortAsync(string[] hostArgs, int count, string leadEmail, CancellationToken cancellationToken)
    {
        var app = LocalHostApp.Build(hostArgs, overrideServices: services => services.AddSingleton<IQueueSender, DiscardingQueue>());
        await using var _ = app;
        var handler = app.Services.GetRequiredService<SubmitReferralHandler>();
        var documents = app.Services.GetRequiredService<IDocumentStore>();
        var today = LondonTime.LondonDate(DateTimeOffset.UtcNow);
        var caller = new Caller("seed-police", "Seed Referrer", "seed@police.example.gov.uk", "police", new HashSet<string> { Roles.Referrer });
        var people = new CohortPerson[count];
        long next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(16, count)).Select(async _ =>
        {
            for (var k = Interlocked.Increment(ref next); k < count; k = Interlocked.Increment(ref next))
            {
                var prisonNumber = PrisonNumberOf(k);
                var referral = Referrals.For(3 * k, today);
                referral = referral with { Person = referral.Person! with { PrisonNumber = prisonNumber } };
                await handler.HandleAsync(referral, new ActingAs(caller, $"seed-release-{k}", SubmitReferralHandler.Purpose), cancellationToken);
                if (!PrisonNumber.TryParse(prisonNumber, out var noms, out var error))
                {
                    throw new InvalidOperationException(error);
                }

                var claim = await documents.ReadAsync<Iom.Application.Referrals.IdentityClaim>(
                    Iom.Application.Referrals.IdentityClaims.KeyOf(PersonMatchKeys.OfNoms(noms)), cancellationToken)
                    ?? throw new InvalidOperationException($"Seeded person {k} has no prison number claim.");
                var personId = claim.Value.PersonId;
                await documents.CreateAsync(CohortDocuments.MembershipOf(personId), new CohortMembership(personId,
                [
                    new CohortPeriod(today.AddDays(-30), null, PanelCode.Iom, CohortCategory.Ppo, CohortType.Fixed, ["catch-and-control"],
                        new LeadProfessional("Alex Morgan", "probation", leadEmail, null), "iom-seed"),
                ]), cancellationToken);
                people[k] = new CohortPerson(k, prisonNumber, personId, referral);
            }
        }));

        // The acknowledgements' outbox entries: dispatched to the discarding queue now, so no sweep sends them mid-run.
        await app.Services.GetRequiredService<Iom.Application.Outbox.OutboxNudges>().DispatchPendingAsync(cancellationToken);
        return people;
    }

    /// <summary>A valid prison number for person <paramref name="k"/> (letter, four digits, two letters), distinct up to 676,000.</summary>
    public static string PrisonNumberOf(long k) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"B{k % 10_000:D4}{(char)('A' + (k / 10_000 % 26))}{(char)('A' + (k / 260_000 % 26))}");

    // The second Tuesday of each month from the start of the history to a year ahead, as CreateMeetingsHandler stores
    // them; created before any referral, so nothing waits for relisting.
    private static async Task AddMeetingsAsync(IDocumentStore documents, DateOnly from, CancellationToken cancellationToken)
    {
        foreach (var panel in new[] { PanelCode.Iom, PanelCode.Asb, PanelCode.Dyo })
        {
            for (var month = new DateOnly(from.Year, from.Month, 1); month < from.AddYears(2); month = month.AddMonths(1))
            {
                var firstTuesday = month.AddDays(((int)DayOfWeek.Tuesday - (int)month.DayOfWeek + 7) % 7);
                var date = firstTuesday.AddDays(7);
                await documents.CreateAsync(Meeting.KeyOf(panel, date),
                    new Meeting(panel, date, new TimeOnly(10, 0), "Civic Centre", "seed-coordinator", DateTimeOffset.UtcNow - History), cancellationToken);
            }
        }
    }

    /// <summary>Real time, except inside a seeded submission, which sees the moment it was "made".</summary>
    private sealed class SeedingClock : TimeProvider
    {
        public static readonly AsyncLocal<DateTimeOffset?> Now = new();

        public override DateTimeOffset GetUtcNow() => Now.Value ?? System.GetUtcNow();
    }

    private sealed class DiscardingQueue : IQueueSender
    {
        public Task SendAsync(string queueName, string message, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default) =>
            Task.CompletedTask;
    }
}
