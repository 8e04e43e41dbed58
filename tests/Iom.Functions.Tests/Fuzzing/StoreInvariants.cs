using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Iom.Adapters.Sqlite;
using Iom.Application.Audit;
using Iom.Application.Idempotency;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Referrals.Submit;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReferralKeys = Iom.Application.Referrals.ReferralStore;

namespace Iom.Functions.Tests.Fuzzing;

public sealed record InvariantReport(IReadOnlyDictionary<string, int> DocumentsByKind, IReadOnlyList<string> Violations);

/// <summary>
/// What must hold of the stored documents however requests failed, derived from src/Iom.Application/Referrals and
/// Audit. Documents are read through <see cref="IDocumentStore"/>; only the list of partitions comes from the SQLite
/// file, because the port (like Cosmos DB without a cross-partition query) cannot list partitions.
/// <list type="bullet">
/// <item>Every document is complete: it reads back into its type with nullable annotations and required constructor
/// parameters enforced.</item>
/// <item>Every referral is valid by the app's own rules: its fields pass <see cref="SubmitReferralValidator"/> as of
/// the day it was submitted (its acknowledgement address on a secure domain), <see cref="Eligibility"/> routes it to the panel and rule it records, its match keys are
/// those of its person, its reference has the panel's format, and its status history is a chain of allowed moves that
/// ends in its status.</item>
/// <item>Every referral has what finds it and shows it: its locator and reference reservation, and its listing in its
/// panel's partition; and an open referral holds the identity claim of each of its match keys (or a second open
/// referral of the same person could be taken in).</item>
/// <item>Audit: each referral has exactly one collection record and one alteration record per status change; each
/// read the API served has its consultation record; every record is about a referral in its partition (or one erased,
/// with its erasure record); each person's chain verifies.</item>
/// <item>Nothing points at a referral that was never stored: no listing, locator or identity claim. (An orphaned claim
/// may be taken over after <see cref="IdentityClaims.InFlightGrace"/>, but a submission that fails releases its claims
/// itself, so once no request is in flight there is none.)</item>
/// <item>Outbox: the check first lets the run settle (sweeps of every pending entry, whatever its age, while queue
/// handlers still add entries, for a bounded time); then no entry is left undispatched.</item>
/// </list>
/// </summary>
public sealed partial class StoreInvariants(IServiceProvider services)
{
    // Written with every null spelled out, then read back with nullable annotations and required parameters enforced:
    // a null where the type allows none, or a missing member, is an incomplete document.
    private static readonly JsonSerializerOptions WriteAll = new(DocumentJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    private static readonly JsonSerializerOptions Strict = new(DocumentJson.Options)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private readonly IDocumentStore documents = services.GetRequiredService<IDocumentStore>();
    private readonly List<string> violations = [];

    // Settle: what a nudge missed, the minute's sweep would dispatch; do it now rather than wait for the timer. Queue
    // handlers still at work when the requests have answered (an acknowledgement writing its mail's entry) add entries
    // after a sweep, so sweep again while any are left, for a bounded time: an entry that can never be dispatched
    // is still there at the end, and reported.
    private async Task SettleOutboxAsync(CancellationToken cancellationToken)
    {
        var relay = services.GetRequiredService<OutboxRelay>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await relay.SweepAsync(TimeSpan.Zero, cancellationToken);
            if (!await AnyOutboxEntryAsync(cancellationToken) || DateTime.UtcNow > deadline)
            {
                return;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<bool> AnyOutboxEntryAsync(CancellationToken cancellationToken)
    {
        foreach (var container in Containers.All)
        {
            await foreach (var _ in documents.ReadKindAsync<OutboxEntry>(container, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <param name="readsServed">How many times the API answered 200 to a read of each referral.</param>
    public async Task<InvariantReport> CheckAsync(IReadOnlyDictionary<string, int> readsServed, CancellationToken cancellationToken)
    {
        await SettleOutboxAsync(cancellationToken);
        var partitions = await PartitionsAsync(cancellationToken);
        var byKind = partitions.GroupBy(p => p.Kind).ToDictionary(g => g.Key, g => g.Sum(p => p.Count));

        var referrals = await ReadAsync<Referral>(partitions, cancellationToken);
        var audits = await ReadAsync<AuditRecord>(partitions, cancellationToken);
        var listings = await ReadAsync<ReferralListing>(partitions, cancellationToken);
        var claims = await ReadAsync<IdentityClaim>(partitions, cancellationToken);
        var locators = await ReadAsync<ReferralLocator>(partitions, cancellationToken);
        var meetings = await ReadAsync<Meeting>(partitions, cancellationToken);
        await ReadAsync<AuditChainHead>(partitions, cancellationToken);
        await ReadAsync<MailSentRecord>(partitions, cancellationToken);
        await ReadAsync<Iom.Domain.Performance.Rollup>(partitions, cancellationToken);
        foreach (var entry in await ReadAsync<OutboxEntry>(partitions, cancellationToken))
        {
            Require(false, entry.Key, $"an outbox entry for {entry.Value.Queue} left undispatched after a sweep");
        }

        var referralsByKey = referrals.ToDictionary(r => r.Key, r => r.Value);
        Referral? Find(string personId, string referralId) => referralsByKey.GetValueOrDefault(ReferralKeys.KeyOf(personId, referralId));

        foreach (var (key, referral) in referralsByKey)
        {
            await CheckReferralAsync(key, referral, cancellationToken);
        }

        CheckAudit(referralsByKey, audits, readsServed);
        await CheckChainsAsync(partitions, cancellationToken);

        foreach (var listing in listings)
        {
            var l = listing.Value;
            var referral = Find(l.PersonId, l.ReferralId);
            Require(referral is not null, listing.Key, "a listing of a referral that does not exist");
            Require(listing.Key == ReferralListings.KeyOf(l.Panel, l.ReferralId), listing.Key, "a listing stored under another panel or id");
            Require(referral is null || (referral.Panel == l.Panel && referral.Reference == l.Reference), listing.Key, "a listing whose panel or reference is not its referral's");
        }

        foreach (var claim in claims)
        {
            var c = claim.Value;
            var referral = Find(c.PersonId, c.ReferralId);
            Require(claim.Key.Id == PersonMatchKeys.ToDocumentId(c.Key) && claim.Key.Partition == claim.Key.Id, claim.Key, "an identity claim stored under another key");
            Require(referral is not null, claim.Key, $"an identity claim of referral {c.ReferralId}, which was never stored");
            Require(referral is null || referral.MatchKeys.Contains(c.Key), claim.Key, "an identity claim its referral does not have");
        }

        foreach (var locator in locators)
        {
            var l = locator.Value;
            var referral = Find(l.PersonId, l.ReferralId);
            Require(locator.Key.Id == $"referral-{l.ReferralId}" || locator.Key.Id == $"reference-{l.Reference}", locator.Key, "a locator stored under another id");
            Require(referral is not null && referral.Reference == l.Reference, locator.Key, $"a locator of referral {l.ReferralId}, which was never stored");
        }

        // A request that fails gives its Idempotency-Key back, so once none is in flight every record names a referral.
        var referralIds = referralsByKey.Values.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var record in await ReadAsync<IdempotencyRecord>(partitions, cancellationToken))
        {
            Require(referralIds.Contains(record.Value.ResultId), record.Key, $"an Idempotency-Key record of referral {record.Value.ResultId}, which was never stored");
        }

        foreach (var meeting in meetings)
        {
            // Keyed by the date it was first scheduled (its id), whatever its date now.
            Require(meeting.Key == Meeting.KeyOf(meeting.Value.Id()), meeting.Key, "a meeting stored under another panel or date than its id's");
        }

        return new InvariantReport(byKind, violations);
    }

    private async Task CheckReferralAsync(DocumentKey key, Referral r, CancellationToken cancellationToken)
    {
        Require(key.Partition == r.PersonId && key.Id == r.Id, key, "a referral stored outside its person's partition");

        var submitted = LondonTime.LondonDate(r.SubmittedAt);
        var wards = services.GetRequiredService<Iom.Domain.Wards.WardList>();
        var validation = await new SubmitReferralValidator(new FakeTimeProvider(r.SubmittedAt), services.GetRequiredService<SecureMailDomains>(), callerEmail: null, wards).ValidateAsync(AsRequest(r), cancellationToken);
        // Whatever was sent (a code or a ward's name), what is stored is the configured code.
        Require(r.Person.Ward is null || wards.Find(r.Person.Ward)?.Code == r.Person.Ward, key, "a referral whose ward is not a configured ward's code");
        Require(validation.IsValid, key, $"a referral its own validator refuses: {string.Join("; ", validation.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"))}");

        var options = services.GetRequiredService<IOptions<ReferralOptions>>().Value;
        var decision = Eligibility.Decide(
            new EligibilityInput(r.Person.DateOfBirth, submitted, r.ReferralType, r.MappaLevel, r.MaracCase, r.AssetScore, r.RiskOfSeriousHarm), options.Eligibility);
        Require(decision.IsEligible && decision.Panel == r.Panel && decision.Rule == r.DecidedBy.Rule && r.DecidedBy.Panel == r.Panel, key,
            $"a referral eligibility would route elsewhere ({decision.Panel?.ToString() ?? decision.Reason}, {decision.Rule})");

        var expectedKeys = PersonMatchKeys.For(r.Person.GivenName, r.Person.FamilyName, r.Person.DateOfBirth,
            Parse<PncId>(r.Person.PncId, s => PncId.TryParse(s, submitted, out var v, out _) ? v : null),
            Parse<CroNumber>(r.Person.CroNumber, s => CroNumber.TryParse(s, out var v, out _) ? v : null),
            Parse<PrisonNumber>(r.Person.PrisonNumber, s => PrisonNumber.TryParse(s, out var v, out _) ? v : null),
            Parse<CaseReferenceNumber>(r.Person.Crn, s => CaseReferenceNumber.TryParse(s, out var v, out _) ? v : null));
        Require(expectedKeys.SequenceEqual(r.MatchKeys), key, "a referral whose match keys are not its person's");

        var prefix = r.Panel == PanelCode.StrategicGroup ? "SG" : r.Panel.ToString().ToUpperInvariant();
        Require(Reference().IsMatch(r.Reference) && r.Reference.StartsWith($"{prefix}-{submitted:yyMMdd}-", StringComparison.Ordinal), key, $"a referral with a malformed reference {r.Reference}");
        Require(!string.IsNullOrWhiteSpace(r.ReferringAgency) && !string.IsNullOrWhiteSpace(r.SubmittedBy), key, "a referral without its agency or submitter");

        var status = r.History.Count > 0 ? r.History[0].From : r.Status;
        Require(status is ReferralStatus.Listed or ReferralStatus.AwaitingMeeting, key, $"a referral that started as {status}");
        foreach (var change in r.History)
        {
            Require(change.From == status && ReferralStatusRules.CanMove(change.From, change.To), key, $"a status history with the move {change.From} → {change.To} after {status}");
            status = change.To;
        }

        Require(status == r.Status, key, $"a status history ending in {status}, not the referral's status {r.Status}");
        Require((r.Status == ReferralStatus.Withdrawn) == (r.WithdrawalReason is not null), key, "a withdrawal reason that does not match the status");
        Require(r.Status != ReferralStatus.Listed || r.MeetingDate is not null, key, "a listed referral without a meeting");

        var locator = await documents.ReadAsync<ReferralLocator>(ReferralKeys.LocatorKeyOf(r.Id), cancellationToken);
        Require(locator?.Value == new ReferralLocator(r.Id, r.PersonId, r.Reference), key, "a referral without its locator, so it cannot be found by id");
        var reservation = await documents.ReadAsync<ReferralLocator>(IdentityClaims.ReferenceKeyOf(r.Reference), cancellationToken);
        Require(reservation?.Value == new ReferralLocator(r.Id, r.PersonId, r.Reference), key, "a referral whose reference is not reserved for it");
        var listing = await documents.ReadAsync<ReferralListing>(ReferralListings.KeyOf(r), cancellationToken);
        Require(listing is not null, key, "a referral without its listing, so its panel never sees it");

        if (ReferralStatusRules.IsOpen(r.Status))
        {
            foreach (var matchKey in r.MatchKeys)
            {
                var id = PersonMatchKeys.ToDocumentId(matchKey);
                var claim = await documents.ReadAsync<IdentityClaim>(new DocumentKey(Containers.Identities, id, id), cancellationToken);
                Require(claim?.Value.ReferralId == r.Id && claim.Value.PersonId == r.PersonId, key, $"an open referral that does not hold the claim {matchKey}");
            }
        }
    }

    private void CheckAudit(Dictionary<DocumentKey, Referral> referrals, IReadOnlyList<StoredDocument<AuditRecord>> audits, IReadOnlyDictionary<string, int> readsServed)
    {
        var erased = audits.Where(a => a.Value.Operation == AuditOperation.Erasure).Select(a => (a.Value.PersonId, a.Value.Subject)).ToHashSet();
        foreach (var audit in audits)
        {
            var a = audit.Value;
            Require(a.PersonId == audit.Key.Partition, audit.Key, "an audit record outside its person's partition");
            Require(!string.IsNullOrWhiteSpace(a.Purpose) && !string.IsNullOrWhiteSpace(a.CorrelationId) && !string.IsNullOrWhiteSpace(a.Actor.UserId), audit.Key,
                "an audit record without its purpose, correlation id or actor");
            // A referral erased by retention keeps its records, the erasure's among them. Subjects may name a part of
            // the referral after it (referral/{id}/acknowledgement: an e-mail about it).
            if (a.Subject.StartsWith("referral/", StringComparison.Ordinal))
            {
                var referralId = a.Subject["referral/".Length..].Split('/')[0];
                Require(erased.Contains((a.PersonId, $"referral/{referralId}")) || referrals.ContainsKey(ReferralKeys.KeyOf(a.PersonId, referralId)),
                    audit.Key, $"an audit record of {a.Subject}, which was never stored");
            }
        }

        var bySubject = audits.Select(a => a.Value).ToLookup(a => (a.PersonId, a.Subject));
        foreach (var (key, r) in referrals)
        {
            var records = bySubject[(r.PersonId, $"referral/{r.Id}")].ToList();
            Require(records.Count(a => a.Operation == AuditOperation.Collection) == 1, key, "a referral without exactly one collection audit record");
            Require(records.Count(a => a.Operation == AuditOperation.Alteration) == r.History.Count, key,
                $"{r.History.Count} status changes but {records.Count(a => a.Operation == AuditOperation.Alteration)} alteration audit records");
            var served = readsServed.GetValueOrDefault(r.Id);
            Require(records.Count(a => a.Operation == AuditOperation.Consultation) >= served, key, $"{served} reads served but fewer consultation audit records");
        }
    }

    private async Task CheckChainsAsync(IReadOnlyList<(string Container, string Partition, string Kind, int Count)> partitions, CancellationToken cancellationToken)
    {
        var trail = services.GetRequiredService<AuditTrail>();
        foreach (var person in partitions.Where(p => p.Container == Containers.People).Select(p => p.Partition).Distinct())
        {
            var verification = await trail.VerifyAsync(person, cancellationToken);
            Require(verification.Intact, new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), $"an audit chain that does not verify: {verification.Problem}");
        }
    }

    /// <summary>Every document of kind <typeparamref name="T"/>, each checked to be complete.</summary>
    private async Task<IReadOnlyList<StoredDocument<T>>> ReadAsync<T>(IReadOnlyList<(string Container, string Partition, string Kind, int Count)> partitions, CancellationToken cancellationToken)
    {
        var kind = DocumentKind.Of<T>();
        var found = new List<StoredDocument<T>>();
        foreach (var (container, partition, _, _) in partitions.Where(p => p.Kind == kind))
        {
            await foreach (var stored in documents.ReadPartitionAsync<T>(container, partition, cancellationToken))
            {
                found.Add(stored);
                try
                {
                    JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(stored.Value, WriteAll), Strict);
                }
                catch (JsonException incomplete)
                {
                    violations.Add($"{stored.Key}: an incomplete {kind}: {incomplete.Message}");
                }
            }
        }

        return found;
    }

    private async Task<List<(string Container, string Partition, string Kind, int Count)>> PartitionsAsync(CancellationToken cancellationToken)
    {
        var partitions = new List<(string, string, string, int)>();
        var connection = await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT container, pk, kind, COUNT(*) FROM documents GROUP BY container, pk, kind ORDER BY container, pk, kind";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                partitions.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        return partitions;
    }

    private void Require(bool holds, DocumentKey key, string violation)
    {
        if (!holds)
        {
            violations.Add($"{key}: {violation}");
        }
    }

    private static SubmitReferralRequest AsRequest(Referral r) => new()
    {
        Person = new PersonInput
        {
            GivenName = r.Person.GivenName,
            FamilyName = r.Person.FamilyName,
            DateOfBirth = r.Person.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = r.Person.Gender,
            Ethnicity = r.Person.Ethnicity,
            PncId = r.Person.PncId,
            CroNumber = r.Person.CroNumber,
            PrisonNumber = r.Person.PrisonNumber,
            Crn = r.Person.Crn,
            Postcode = r.Person.Postcode,
            Ward = r.Person.Ward,
        },
        ReferralType = WireNames.Of(r.ReferralType),
        Reason = r.Reason,
        OffenceTypes = r.OffenceTypes,
        Drivers = r.Drivers,
        RiskOfSeriousHarm = WireNames.Of(r.RiskOfSeriousHarm),
        MappaLevel = r.MappaLevel,
        MaracCase = r.MaracCase,
        AssetScore = r.AssetScore,
        OgrsScore = r.OgrsScore,
        Statutory = r.Statutory,
        Emergency = r.Emergency,
        Referrer = new ReferrerInput { Name = r.Referrer.Name, Email = r.Referrer.Email, Phone = r.Referrer.Phone },
    };

    private static T? Parse<T>(string? text, Func<string, T?> parse) where T : struct => text is null ? null : parse(text);

    [GeneratedRegex("^(IOM|ASB|DYO|SG)-[0-9]{6}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Reference();
}
