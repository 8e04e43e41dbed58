using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Idempotency;
using Iom.Application.Mail;
using Iom.Application.Outbox;
using Iom.Application.Panels;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Read;
using Iom.Domain.Agencies;
using Iom.Domain.Calendar;
using Iom.Domain.Identifiers;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wards;
using Iom.Domain.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Iom.Application.Referrals.Submit;

/// <summary>
/// Takes a referral in: validates it, screens eligibility (a refusal stores nothing), claims the person's match keys
/// (a key already held by an open referral is a duplicate: 409, audited as a disclosure to the caller, naming the
/// existing reference only to the agency that made it), lists it for the right meeting, and stores it with its audit
/// record in one commit. See docs/referrals.md for the order of writes and why a failure at any step leaves no
/// half-written record.
/// </summary>
public sealed partial class SubmitReferralHandler(
    IDocumentStore documents,
    OutboxNudges nudges,
    IdempotencyLedger ledger,
    IdentityClaims claims,
    AuditTrail audit,
    PanelDirectory panels,
    SecureMailDomains recipients,
    MeetingCalendar meetings,
    WorkingDayCalendar calendar,
    IOptions<ReferralOptions> options,
    WardList wards,
    AgencyList agencies,
    TimeProvider time,
    ILogger<SubmitReferralHandler> logger)
{
    /// <summary>The problem type's last segment when the caller's agency claim is not a current agency of the list.</summary>
    public const string AgencyNotRecognisedReason = "agency-not-recognised";

    public const string Purpose = "Referral intake: collecting a partner agency's referral for panel consideration";

    public Task<SubmitReferralResult> HandleAsync(SubmitReferralRequest request, ActingAs actor, CancellationToken cancellationToken) =>
        HandleAsync(request, actor, idempotencyKey: null, cancellationToken);

    /// <param name="idempotencyKey">
    /// The caller's Idempotency-Key (well-formed: <see cref="IdempotencyLedger.IsWellFormed"/>), or null. The same key
    /// with the same request is answered as the first was, without doing the work again; with another request, 422;
    /// while the first is still being processed, 409 with Retry-After.
    /// </param>
    public async Task<SubmitReferralResult> HandleAsync(SubmitReferralRequest request, ActingAs actor, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var today = LondonTime.LondonDate(now);
        ValidationFailedException.ThrowIfInvalid(await new SubmitReferralValidator(time, recipients, actor.Caller.Email, wards).ValidateAsync(request, cancellationToken));
        var agency = actor.Caller.Agency
            ?? throw new RefusalException(RefusalKind.Forbidden, "no-agency", "Your account has no agency, so you cannot refer.",
                "Ask your administrator to add the agency claim to your account.");

        // The referral keeps the claim as it came (the referrer reaches their agency's referrals by it), but only a
        // current agency of the list may refer: a misspelt or stray claim would otherwise be a partner of its own.
        if (agencies.Find(agency) is not { Retired: false })
        {
            throw new RefusalException(RefusalKind.Forbidden, AgencyNotRecognisedReason, "Your account's agency is not recognised, so you cannot refer.",
                "Ask your administrator to check the agency on your account: it must be one of the partnership's agencies.");
        }

        var person = ToPersonDetails(request.Person!, today, wards);
        var decision = Eligibility.Decide(
            new EligibilityInput(person.DateOfBirth, today, WireNames.Parse<ReferralType>(request.ReferralType!), request.MappaLevel!.Value,
                request.MaracCase!.Value, request.AssetScore, WireNames.Parse<RiskOfSeriousHarm>(request.RiskOfSeriousHarm!)),
            options.Value.Eligibility);
        if (!decision.IsEligible)
        {
            throw Refused(decision);
        }

        var panel = decision.Panel!.Value;
        var referralId = Guid.NewGuid().ToString("N");
        var matchKeys = PersonMatchKeys.For(person.GivenName, person.FamilyName, person.DateOfBirth,
            Parse<PncId>(person.PncId, today), Parse<CroNumber>(person.CroNumber, today), Parse<PrisonNumber>(person.PrisonNumber, today),
            Parse<CaseReferenceNumber>(person.Crn, today));

        // First round trip, all at once: the panel's meetings, every match key's claim, and the Idempotency-Key.
        var upcomingRead = meetings.UpcomingAsync(panel, today, cancellationToken);
        var claimsRead = claims.ReadAsync(matchKeys, referralId, cancellationToken);
        var bodyHash = IdempotencyLedger.HashOf(request);
        var keyClaim = ClaimKeyAsync(idempotencyKey, actor, bodyHash, referralId, cancellationToken);
        try
        {
            await Task.WhenAll(upcomingRead, claimsRead, keyClaim);
        }
        catch (Exception)
        {
            await ReleaseKeyAsync(keyClaim, idempotencyKey, actor, referralId);
            throw;
        }

        var plan = await claimsRead;
        var key = await keyClaim;
        if (key is { Earlier: { } earlier })
        {
            if (await ReplayAsync(earlier, bodyHash, referralId, actor, cancellationToken) is { } answer)
            {
                return answer;
            }

            key = key with { Earlier = null };
        }

        var upcoming = await upcomingRead;
        var meetingDate = MeetingListing.ChooseMeeting(today, request.Emergency!.Value, upcoming.Select(m => m.Date), calendar, options.Value.CutoffWorkingDays);

        // A person seen before: who holds their keys (a duplicate is refused), and, at the same time, the head of their
        // audit chain. A new person has no chain, so the commit starts one without reading.
        var head = ChainHeadRead.None;
        if (plan.AnyClaimed)
        {
            var holders = claims.RefuseIfHeldAsync(plan, cancellationToken);
            var headRead = audit.ReadHeadAsync(plan.PersonId, cancellationToken);
            try
            {
                await Task.WhenAll(holders, headRead);
            }
            catch (DuplicateReferralException duplicate)
            {
                var known = headRead.IsCompletedSuccessfully && duplicate.PersonId == plan.PersonId ? headRead.Result : null;
                throw await DisclosedAsync(duplicate, panel, actor, known, ReleaseKeyAsync(key, referralId), cancellationToken);
            }
            catch (Exception)
            {
                await ReleaseKeyAsync(key, referralId);
                throw;
            }

            head = await headRead;
        }

        // Claims, reference, locator and listing at once (independent partitions). Each undoes itself if it fails; what
        // succeeded is undone below. The claims make the duplicate check atomic: a clash here is a race with the same
        // person's submission, refused as a duplicate.
        var reference = ReferenceFormat.New(panel, today);
        var routing = new RoutingDecision(decision.Rule, decision.Inputs, panel);
        var submitted = Referral.Submit(
            referralId, plan.PersonId, reference, WireNames.Parse<ReferralType>(request.ReferralType!), routing, meetingDate, person,
            request.Reason!.Trim(), request.OffenceTypes!, request.Drivers!, WireNames.Parse<RiskOfSeriousHarm>(request.RiskOfSeriousHarm!),
            request.MappaLevel!.Value, request.MaracCase!.Value, request.AssetScore, request.OgrsScore, request.Statutory!.Value,
            request.Emergency!.Value, ToReferrerDetails(request.Referrer!), agency, actor.Caller.UserId, now, matchKeys);
        var referral = submitted.Referral;
        var taking = claims.TakeAsync(plan, cancellationToken);
        var reserving = claims.ReserveReferenceAsync(reference, referralId, plan.PersonId, cancellationToken);
        var listing = UpsertListingAsync(referral, cancellationToken);
        ClaimSet claim;
        try
        {
            await Task.WhenAll(taking, reserving, listing);
            claim = await taking;
            if (await reserving != reference)
            {
                // The first reference drawn was taken (rare): the listing names the one reserved.
                referral = referral with { Reference = await reserving };
                await documents.UpsertAsync(ReferralListings.KeyOf(referral), ReferralListings.Of(referral), cancellationToken);
            }
        }
        catch (Exception failure)
        {
            await UndoAsync(taking.IsCompletedSuccessfully ? taking.Result : new ClaimSet(plan.PersonId, referralId, []), panel, referralId, key);
            if (failure is DuplicateReferralException duplicate)
            {
                throw await DisclosedAsync(duplicate, panel, actor, null, Task.CompletedTask, cancellationToken);
            }

            throw;
        }

        try
        {
            // The submission's messages (the acknowledgement) are outbox entries committed with the referral: stored
            // together or not at all.
            var messages = ReferralEffects.OutboxEntries(submitted, actor.CorrelationId, now);
            // A person known from an earlier referral: this one joins their records, which s.62 calls combination.
            AuditEntry[] entries = claim.KnownPerson
                ? [actor.Entry(claim.PersonId, AuditOperation.Collection, $"referral/{referralId}", now),
                   actor.Entry(claim.PersonId, AuditOperation.Combination, $"referral/{referralId}", now)]
                : [actor.Entry(claim.PersonId, AuditOperation.Collection, $"referral/{referralId}", now)];
            try
            {
                await audit.CommitAsync(entries, [DocumentWrite.Create(referralId, referral), .. messages.Select(m => m.Write())], head, cancellationToken);
            }
            catch (Exception failure) when (failure is not DocumentStoreException)
            {
                // Not a refusal, so it may have committed (a timeout, the budget, a 503, a lost connection): settle
                // that before undoing anything. Stored means taken in, and the caller is told so.
                using var settling = new CancellationTokenSource(SettleTimeout);
                if (!await StoredAsync(ReferralStore.KeyOf(claim.PersonId, referralId), failure, settling.Token))
                {
                    throw;
                }

                LogCommittedDespiteFailure(logger, failure, referralId);
            }

            // Dispatched after the answer by the in-process relay: the entry is durable already, and the sweep is the backstop.
            nudges.Post(Containers.People, claim.PersonId, messages);
            return new SubmitReferralResult(referralId, referral.Reference, referral.Status, panel, meetingDate, RoutingDecisionView.Of(routing));
        }
        catch (Exception failure) when (failure is not OutcomeUnknownException)
        {
            await UndoAsync(claim, panel, referralId, key);
            throw;
        }
    }

    // A task even if the store throws at once, so the writes beside it are always awaited and undone.
    private async Task UpsertListingAsync(Referral referral, CancellationToken cancellationToken) =>
        await documents.UpsertAsync(ReferralListings.KeyOf(referral), ReferralListings.Of(referral), cancellationToken);

    /// <summary>Which use an Idempotency-Key belongs to: a key is one caller's, for one use.</summary>
    public const string IdempotencyScope = "referral-intake";

    public const string KeyReusedReason = "idempotency-key-reused";
    public const string KeyInFlightReason = "idempotency-key-in-flight";

    /// <summary>How long a retry is asked to wait while the first request with its key is still being processed.</summary>
    public static readonly TimeSpan InFlightRetryAfter = TimeSpan.FromSeconds(5);

    private async Task<IdempotencyClaim?> ClaimKeyAsync(string? idempotencyKey, ActingAs actor, string bodyHash, string referralId, CancellationToken cancellationToken) =>
        idempotencyKey is null ? null
            : await ledger.ClaimAsync(IdempotencyLedger.KeyOf(IdempotencyScope, actor.Caller.UserId, idempotencyKey), bodyHash, referralId, cancellationToken);

    // After a failed first round: the key may have been claimed (or its create's outcome is unknown), so give it back.
    private async Task ReleaseKeyAsync(Task<IdempotencyClaim?> keyClaim, string? idempotencyKey, ActingAs actor, string referralId)
    {
        if (idempotencyKey is not null && !(keyClaim.IsCompletedSuccessfully && keyClaim.Result is { IsNew: false }))
        {
            await ledger.ReleaseAsync(IdempotencyLedger.KeyOf(IdempotencyScope, actor.Caller.UserId, idempotencyKey), referralId,
                keyClaim.IsCompletedSuccessfully ? keyClaim.Result?.ETag : null);
        }
    }

    private Task ReleaseKeyAsync(IdempotencyClaim? key, string referralId) =>
        key is null ? Task.CompletedTask : ledger.ReleaseAsync(key.Key, referralId, key.ETag);

    /// <summary>
    /// A retry with a key already used: answered from the referral the first request stored (the same answer, audited
    /// as a consultation, since it is read again), refused if the body differs or the first is still being processed.
    /// A first request that can no longer be running and stored nothing leaves its key to this one: null, go on.
    /// </summary>
    private async Task<SubmitReferralResult?> ReplayAsync(StoredDocument<IdempotencyRecord> earlier, string bodyHash, string referralId, ActingAs actor, CancellationToken cancellationToken)
    {
        if (!string.Equals(earlier.Value.BodyHash, bodyHash, StringComparison.Ordinal))
        {
            throw new RefusalException(RefusalKind.Unprocessable, KeyReusedReason, "This Idempotency-Key was used with a different referral.",
                "Send a new referral with a new key. To retry a referral, send exactly the same body with the same key.");
        }

        var firstId = earlier.Value.ResultId;
        var locator = await documents.ReadAsync<ReferralLocator>(ReferralStore.LocatorKeyOf(firstId), cancellationToken);
        StoredDocument<Referral>? stored = null;
        ChainHeadRead? head = null;
        if (locator is not null)
        {
            // The referral, and at the same time its person's chain head for auditing this answer.
            var referralRead = documents.ReadAsync<Referral>(ReferralStore.KeyOf(locator.Value.PersonId, firstId), cancellationToken);
            var headRead = audit.ReadHeadAsync(locator.Value.PersonId, cancellationToken);
            await Task.WhenAll(referralRead, headRead);
            (stored, head) = (await referralRead, await headRead);
        }

        if (stored is null && time.GetUtcNow() - earlier.Value.CreatedAt >= IdentityClaims.InFlightGrace)
        {
            // The first request is over and did not give its key back (it died, or its outcome was never settled). If
            // it got as far as its locator, its commit is fenced first, so it cannot land after this one.
            if (locator is not null && await StoredAsync(ReferralStore.KeyOf(locator.Value.PersonId, firstId), new TimeoutException("Abandoned with its key held."), cancellationToken))
            {
                stored = await documents.ReadAsync<Referral>(ReferralStore.KeyOf(locator.Value.PersonId, firstId), cancellationToken);
            }
            else if (await ledger.TakeOverAsync(earlier.Key, earlier, bodyHash, referralId, cancellationToken))
            {
                return null;
            }
        }

        if (stored is null)
        {
            throw new RefusalException(RefusalKind.Conflict, KeyInFlightReason, "A referral with this Idempotency-Key is still being processed.",
                "Wait for the time in Retry-After, then send it again with the same key: it will be answered as the first one is.")
            { RetryAfter = InFlightRetryAfter };
        }

        var referral = stored.Value;
        await audit.CommitAsync([actor.Entry(referral.PersonId, AuditOperation.Consultation, $"referral/{referral.Id}", time.GetUtcNow())], [], head, cancellationToken);
        return AnswerOf(referral);
    }

    /// <summary>The answer the referral's submission gave: its status and meeting then, before any later change.</summary>
    private static SubmitReferralResult AnswerOf(Referral referral)
    {
        var (status, meetingDate) = referral.History.Count == 0
            ? (referral.Status, referral.MeetingDate)
            : (referral.History[0].From, referral.History[0].From == ReferralStatus.Listed ? referral.MeetingDate : null);
        return new SubmitReferralResult(referral.Id, referral.Reference, status, referral.Panel, meetingDate, RoutingDecisionView.Of(referral.DecidedBy));
    }

    /// <summary>How long settling a commit of unknown outcome may take; the request's budget may be spent.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the referral is stored, settled for good: the id is claimed for an <see cref="AbandonedSubmission"/>,
    /// which fails if the referral is there and, if it is not, stops a commit still in flight from ever landing. If
    /// even that fails, nothing may be undone: the caller gets 503.
    /// </summary>
    private async Task<bool> StoredAsync(DocumentKey key, Exception commitFailure, CancellationToken cancellationToken)
    {
        try
        {
            await documents.CreateAsync(key, new AbandonedSubmission(key.Id, time.GetUtcNow()), cancellationToken);
            return false;
        }
        catch (DocumentConflictException)
        {
            // Only the referral's own commit writes at its id.
            return true;
        }
#pragma warning disable CA1031 // Any other failure leaves the outcome unknown.
        catch (Exception settleFailure)
#pragma warning restore CA1031
        {
            LogOutcomeUnknown(logger, settleFailure, key.Id);
            throw new OutcomeUnknownException(new AggregateException(commitFailure, settleFailure));
        }
    }

    public const string DuplicateReason = "duplicate-referral";

    /// <summary>
    /// Saying "this person is already referred" tells the caller something about that person: a disclosure, written in
    /// the person's audit chain before the answer is given (if it cannot be written, the caller gets that failure, not
    /// the answer). The existing reference goes only to the agency that made that referral; anyone else is told whom to
    /// ask: the co-ordinator of the panel their own referral was routed to, which says nothing they did not know.
    /// </summary>
    /// <param name="head">The person's chain head if read already, saving a round trip.</param>
    /// <param name="alongside">Work to finish at the same time (giving the Idempotency-Key back).</param>
    private async Task<RefusalException> DisclosedAsync(DuplicateReferralException duplicate, PanelCode routedTo, ActingAs actor, ChainHeadRead? head, Task alongside, CancellationToken cancellationToken)
    {
        if (duplicate.PersonId is not null && duplicate.ReferralId is not null)
        {
            // A referral not stored yet is one being submitted right now; it may never be, so it is not named as one.
            var subject = duplicate.Holder is null ? $"referral-in-flight/{duplicate.ReferralId}" : $"referral/{duplicate.ReferralId}";
            var entry = actor.Entry(duplicate.PersonId, AuditOperation.Disclosure, subject, time.GetUtcNow(), [actor.Caller.UserId]) with { Purpose = Purpose };
            await Task.WhenAll(audit.CommitAsync([entry], [], head, cancellationToken), alongside);
        }
        else
        {
            await alongside;
        }

        var contact = panels.Get(routedTo);
        var ownAgency = duplicate.Holder is { } holder && actor.Caller.Agency is { } agency
            && string.Equals(holder.ReferringAgency, agency, StringComparison.Ordinal);
        var extensions = new Dictionary<string, object?> { ["contactEmail"] = contact.CoordinatorEmail };
        if (ownAgency)
        {
            extensions["existingReference"] = duplicate.Holder!.Reference;
        }

        var detail = ownAgency ? $"Your agency referred this person as {duplicate.Holder!.Reference}. Contact the {contact.Name} co-ordinator at {contact.CoordinatorEmail} if you have more to add."
            : duplicate.Holder is null ? $"Another referral for this person is being submitted right now. If you have more to add, contact the {contact.Name} co-ordinator at {contact.CoordinatorEmail}."
            : $"Contact the {contact.Name} co-ordinator at {contact.CoordinatorEmail} if you have more to add.";
        return new RefusalException(RefusalKind.Conflict, DuplicateReason, "This person already has an open referral or is in the cohort.", detail, extensions);
    }

    // Best effort: the failure that brought us here is the one to report. Whatever cannot be undone now is an orphan
    // that readers already ignore (docs/referrals.md, "The order of writes").
    private async Task UndoAsync(ClaimSet claim, PanelCode panel, string referralId, IdempotencyClaim? key)
    {
        try
        {
            await claims.ReleaseAsync(claim, CancellationToken.None);
            await documents.DeleteAsync(ReferralListings.KeyOf(panel, referralId), null, CancellationToken.None);
        }
#pragma warning disable CA1031
        catch (Exception undo)
#pragma warning restore CA1031
        {
            LogUndoIncomplete(logger, undo, referralId);
        }

        // Last, and whatever else was left: a retry with the key does the work again.
        await ReleaseKeyAsync(key, referralId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Submission {ReferralId} reported a failure but its referral is stored: answered as taken in")]
    private static partial void LogCommittedDespiteFailure(ILogger logger, Exception exception, string referralId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Submission {ReferralId} may or may not be stored and that could not be settled; nothing was undone")]
    private static partial void LogOutcomeUnknown(ILogger logger, Exception exception, string referralId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Undoing failed submission {ReferralId} was incomplete; what is left is ignored as an orphan")]
    private static partial void LogUndoIncomplete(ILogger logger, Exception exception, string referralId);

    private static RefusalException Refused(EligibilityDecision decision)
    {
        var (title, detail) = decision.Reason switch
        {
            RefusalReasons.MappaManaged => ("MAPPA level 2 and 3 cases are managed under MAPPA, not IOM.", "Refer through MAPPA instead."),
            RefusalReasons.MaracManaged => ("Cases engaged by MARAC are managed there, not by IOM.", "Refer through MARAC instead."),
            _ => ("This young person does not meet the DYO criteria.",
                  "DYO needs an Asset score at or over the threshold, or a high or very high risk of serious harm."),
        };
        return new RefusalException(RefusalKind.Unprocessable, decision.Reason!, title, detail,
            new Dictionary<string, object?> { ["rule"] = decision.Rule, ["inputs"] = decision.Inputs });
    }

    private static PersonDetails ToPersonDetails(PersonInput input, DateOnly today, WardList wards)
    {
        if (!SubmitReferralValidator.TryParseDate(input.DateOfBirth, out var dob))
        {
            throw new InvalidOperationException("The date of birth was validated before this point.");
        }

        return new PersonDetails(
            input.GivenName!.Trim(), input.FamilyName!.Trim(), dob, PersonVocabularies.Gender.Resolve(input.Gender)!.Code,
            PersonVocabularies.Ethnicity.Resolve(input.Ethnicity)?.Code,
            Canonical<PncId>(input.PncId, today), Canonical<CroNumber>(input.CroNumber, today), Canonical<PrisonNumber>(input.PrisonNumber, today),
            Canonical<CaseReferenceNumber>(input.Crn, today), Canonical<Postcode>(input.Postcode, today), wards.Resolve(input.Ward)?.Code);
    }

    private static ReferrerDetails ToReferrerDetails(ReferrerInput input) => new(input.Name!.Trim(), input.Email!.Trim(), Blank(input.Phone));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? Canonical<T>(string? text, DateOnly today) where T : struct => Parse<T>(text, today)?.ToString();

    // The validator has already accepted every identifier; this only turns text into the canonical value.
    private static T? Parse<T>(string? text, DateOnly today) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        object? value = typeof(T) switch
        {
            var t when t == typeof(PncId) => PncId.TryParse(text, today, out var pnc, out _) ? pnc : null,
            var t when t == typeof(CroNumber) => CroNumber.TryParse(text, out var cro, out _) ? cro : null,
            var t when t == typeof(PrisonNumber) => PrisonNumber.TryParse(text, out var noms, out _) ? noms : null,
            var t when t == typeof(CaseReferenceNumber) => CaseReferenceNumber.TryParse(text, out var crn, out _) ? crn : null,
            var t when t == typeof(Postcode) => Postcode.TryParse(text, out var postcode, out _) ? postcode : null,
            _ => throw new NotSupportedException(typeof(T).Name),
        };
        return (T?)value;
    }
}
