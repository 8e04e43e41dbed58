using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Application.Releases;
using Iom.Application.Releases.Matching;
using Iom.Domain.Releases;

namespace Iom.Application.Tests.Releases;

/// <summary>Who a release notification is about, and who hears of it: matching against the identifier index on SQLite.</summary>
public sealed class MatchReleaseNotificationTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly MatchingKit kit = new();

    public void Dispose() => kit.Dispose();

    [Fact]
    public async Task A_notification_is_matched_by_prison_number_then_pnc_then_cro_and_queued_once_for_the_custody_record()
    {
        var byNoms = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA", pnc: "2002/0073319Z");
        var byPnc = await kit.ReferAsync("Percy", "Pence", pnc: "2012/0052494Q");
        var byCro = await kit.ReferAsync("Cora", "Crowe", cro: "065656/91H");

        // The prison number names Nora first, although her PNC is given too; the others by the next identifier that names them.
        var toNora = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "A1111AA", pnc: "2002/0073319Z"));
        var toPercy = await kit.NotifyAsync(MatchingKit.Report("e-2", noms: "B9999ZZ", pnc: "12/52494Q"));
        var toCora = await kit.NotifyAsync(MatchingKit.Report("e-3", noms: "B9999ZZ", cro: "65656/91H"));

        (await kit.CustodyMessagesAsync(byNoms)).ShouldBe([new ApplyReleaseToPerson(toNora, byNoms, "noms")]);
        (await kit.CustodyMessagesAsync(byPnc)).ShouldBe([new ApplyReleaseToPerson(toPercy, byPnc, "pnc")]);
        (await kit.CustodyMessagesAsync(byCro)).ShouldBe([new ApplyReleaseToPerson(toCora, byCro, "cro")]);
        (await kit.UnmatchedListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_match_records_the_collection_in_the_persons_log_with_the_sender_as_actor_in_the_same_commit()
    {
        var person = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");

        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "A1111AA"));

        var record = (await kit.Trail.ReadAsync(person, Ct)).Where(r => r.Subject == $"release/{id}").ShouldHaveSingleItem();
        (record.Operation, record.Actor.UserId, record.Purpose).ShouldBe((AuditOperation.Collection, "swi-key-1", MatchReleaseNotification.Purpose));
        var matched = (await kit.Documents.ReadAsync<ReleaseMatched>(ReleaseMatches.MatchedKeyOf(person, id), Ct)).ShouldNotBeNull().Value;
        matched.MatchedBy.ShouldBe("noms");
    }

    [Fact]
    public async Task Redelivered_and_concurrent_deliveries_of_a_matched_notification_do_nothing_new()
    {
        var person = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "A1111AA"));

        await kit.DeliverAsync(id);
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => kit.DeliverAsync(id)));

        (await kit.CustodyMessagesAsync(person)).ShouldHaveSingleItem();
        (await kit.Trail.ReadAsync(person, Ct)).Count(r => r.Subject == $"release/{id}").ShouldBe(1);
        (await kit.MatchOfAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Identifiers_naming_different_people_are_a_possible_match_for_the_coordinator_and_no_agency_hears_of_it()
    {
        var nora = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var percy = await kit.ReferAsync("Percy", "Pence", pnc: "2012/0052494Q");

        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "A1111AA", pnc: "2012/0052494Q"));

        var match = (await kit.MatchOfAsync(id)).ShouldNotBeNull();
        (match.State, match.Ground).ShouldBe((ReleaseMatchState.Possible, ReleaseMatchGround.IdentifiersDisagree));
        match.Candidates.ShouldBe([nora, percy], ignoreOrder: true);
        (await kit.CustodyMessagesAsync(nora)).ShouldBeEmpty();
        (await kit.CustodyMessagesAsync(percy)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_possible_match_alerts_no_agency_until_confirmed_and_then_queues_exactly_one_apply_audited_with_the_coordinator()
    {
        var nora = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "B2222BB", given: "Nora", family: "Numbers"));
        var match = (await kit.MatchOfAsync(id)).ShouldNotBeNull();
        (match.State, match.Ground).ShouldBe((ReleaseMatchState.Possible, ReleaseMatchGround.NameAndDateOfBirth));
        await kit.DeliverAsync(id);
        (await kit.CustodyMessagesAsync(nora)).ShouldBeEmpty();

        var decided = await kit.Decide.ConfirmAsync(match.Id, new ConfirmReleaseMatchRequest(), MatchingKit.Coordinator(), Ct);
        // The confirmation's outbox entry queues the notification for matching again; delivered twice, as may happen.
        var queued = (await kit.Documents.ReadPartitionAsync<Iom.Application.Outbox.OutboxEntry>(Containers.Identities, ReleaseMatches.Partition, Ct).ToListAsync(Ct))
            .ShouldHaveSingleItem().Value;
        queued.Queue.ShouldBe(ReleaseQueues.Notifications);
        await kit.DeliverAsync(id);
        await kit.DeliverAsync(id);

        decided.State.ShouldBe(ReleaseMatchState.Confirmed);
        (await kit.CustodyMessagesAsync(nora)).ShouldBe([new ApplyReleaseToPerson(id, nora, "confirmed")]);
        var record = (await kit.Trail.ReadAsync(nora, Ct)).Where(r => r.Subject == $"release/{id}").ShouldHaveSingleItem();
        (record.Actor.UserId, record.CorrelationId, record.Purpose).ShouldBe((MatchingKit.CoordinatorId, "corr-decide", MatchReleaseNotification.ConfirmedPurpose));
        (await kit.UnmatchedListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_decided_match_cannot_be_decided_again()
    {
        await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "B2222BB", given: "Nora", family: "Numbers"));
        var matchId = ReleaseMatches.IdOf(id);
        await kit.Decide.RejectAsync(matchId, MatchingKit.Coordinator(), Ct);

        var confirm = await Should.ThrowAsync<Errors.RefusalException>(() => kit.Decide.ConfirmAsync(matchId, new ConfirmReleaseMatchRequest(), MatchingKit.Coordinator(), Ct));
        var reject = await Should.ThrowAsync<Errors.RefusalException>(() => kit.Decide.RejectAsync(matchId, MatchingKit.Coordinator(), Ct));

        (confirm.Kind, confirm.Reason).ShouldBe((Errors.RefusalKind.Conflict, ReleaseMatchRefusedException.AlreadyDecided));
        (reject.Kind, reject.Reason).ShouldBe((Errors.RefusalKind.Conflict, ReleaseMatchRefusedException.AlreadyDecided));
        (await kit.MatchOfAsync(id)).ShouldNotBeNull().State.ShouldBe(ReleaseMatchState.Rejected);
    }

    [Fact]
    public async Task Two_coordinators_deciding_at_once_make_one_decision_and_the_other_is_told_it_was_decided()
    {
        await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "B2222BB", given: "Nora", family: "Numbers"));
        var matchId = ReleaseMatches.IdOf(id);

        var outcomes = await Task.WhenAll(
            Outcome(() => kit.Decide.ConfirmAsync(matchId, new ConfirmReleaseMatchRequest(), MatchingKit.Coordinator(), Ct)),
            Outcome(() => kit.Decide.RejectAsync(matchId, MatchingKit.Coordinator(), Ct)));

        outcomes.Count(o => o == "decided").ShouldBe(1);
        outcomes.Count(o => o == ReleaseMatchRefusedException.AlreadyDecided).ShouldBe(1);

        static async Task<string> Outcome(Func<Task<ReleaseMatch>> decide)
        {
            try
            {
                await decide();
                return "decided";
            }
            catch (Errors.RefusalException refused)
            {
                return refused.Reason;
            }
        }
    }

    [Fact]
    public async Task An_unknown_match_id_is_not_found()
    {
        var refused = await Should.ThrowAsync<Errors.RefusalException>(() => kit.Decide.RejectAsync(new string('a', 32), MatchingKit.Coordinator(), Ct));

        refused.Kind.ShouldBe(Errors.RefusalKind.NotFound);
    }

    [Fact]
    public async Task Confirming_one_of_several_candidates_needs_the_person_named()
    {
        var nora = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        await kit.ReferAsync("Percy", "Pence", pnc: "2012/0052494Q");
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "A1111AA", pnc: "2012/0052494Q"));
        var matchId = ReleaseMatches.IdOf(id);

        var unnamed = await Should.ThrowAsync<Errors.RefusalException>(() => kit.Decide.ConfirmAsync(matchId, new ConfirmReleaseMatchRequest(), MatchingKit.Coordinator(), Ct));
        var named = await kit.Decide.ConfirmAsync(matchId, new ConfirmReleaseMatchRequest { PersonId = nora }, MatchingKit.Coordinator(), Ct);
        await kit.DeliverAsync(id);

        unnamed.Reason.ShouldBe(ReleaseMatchRefusedException.NotACandidate);
        named.ConfirmedPersonId.ShouldBe(nora);
        (await kit.CustodyMessagesAsync(nora)).ShouldBe([new ApplyReleaseToPerson(id, nora, "confirmed")]);
    }

    [Fact]
    public async Task A_rejected_match_and_notifications_about_nobody_known_or_nobody_worked_with_are_on_the_unmatched_list_and_nobody_is_told()
    {
        await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        var unworked = await KnownButNotWorkedWithAsync("C3333CC");
        var rejected = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "B2222BB", given: "Nora", family: "Numbers"));
        await kit.Decide.RejectAsync(ReleaseMatches.IdOf(rejected), MatchingKit.Coordinator(), Ct);
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        var nobody = await kit.NotifyAsync(MatchingKit.Report("e-2", noms: "D4444DD"));
        kit.Time.Advance(TimeSpan.FromMinutes(1));
        var notWorkedWith = await kit.NotifyAsync(MatchingKit.Report("e-3", noms: "C3333CC"));

        var list = await kit.UnmatchedListAsync();

        list.Select(i => (i.NotificationId, i.State, i.Ground)).ShouldBe(
        [
            (rejected, ReleaseMatchState.Rejected, ReleaseMatchGround.NameAndDateOfBirth),
            (nobody, ReleaseMatchState.Unmatched, ReleaseMatchGround.NobodyKnown),
            (notWorkedWith, ReleaseMatchState.Unmatched, ReleaseMatchGround.NotWorkedWith),
        ]);
        list[1].PrisonNumber.ShouldBe("D4444DD");
        (await kit.CustodyMessagesAsync(unworked)).ShouldBeEmpty();
        // Showing an entry that names a known person is a consultation of their record.
        (await kit.Trail.ReadAsync(unworked, Ct)).ShouldContain(r => r.Operation == AuditOperation.Consultation && r.Subject == $"release-match/{ReleaseMatches.IdOf(notWorkedWith)}");
    }

    [Fact]
    public async Task The_unmatched_list_is_paged_oldest_first_with_every_entry_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await kit.NotifyAsync(MatchingKit.Report($"e-{i}", noms: $"D444{i}DD")));
            kit.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await kit.Unmatched.HandleAsync(new UnmatchedReleaseQuery(2), MatchingKit.Coordinator(), Ct);
        var all = await kit.UnmatchedListAsync(pageSize: 2);

        first.Items.Count.ShouldBe(2);
        first.Continuation.ShouldNotBeNull();
        all.Select(i => i.NotificationId).ShouldBe(ids);
    }

    [Fact]
    public async Task A_prison_number_merge_is_followed_so_a_notification_under_the_new_number_matches_the_person_known_under_the_old()
    {
        var person = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        await MergeAsync("A1111AA", "B2222BB");
        await MergeAsync("A1111AA", "B2222BB");

        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "B2222BB"));

        (await kit.CustodyMessagesAsync(person)).ShouldBe([new ApplyReleaseToPerson(id, person, "noms")]);
    }

    [Fact]
    public async Task A_chain_of_merges_is_followed_without_looping()
    {
        var person = await kit.ReferAsync("Nora", "Numbers", noms: "A1111AA");
        await MergeAsync("A1111AA", "B2222BB");
        await MergeAsync("B2222BB", "C3333CC");
        await MergeAsync("C3333CC", "A1111AA");

        (await kit.Aliases.ConnectedAsync("C3333CC", Ct)).ShouldBe(["C3333CC", "B2222BB", "A1111AA"], ignoreOrder: true);
        var id = await kit.NotifyAsync(MatchingKit.Report("e-1", noms: "C3333CC"));

        (await kit.CustodyMessagesAsync(person)).ShouldBe([new ApplyReleaseToPerson(id, person, "noms")]);
    }

    private Task MergeAsync(string from, string to) =>
        kit.Aliases.HandleAsync(System.Text.Json.JsonSerializer.Serialize(new PrisonNumberMerged(from, to, kit.Time.GetUtcNow()), DocumentJson.Options), Ct);

    // Known by a claim on the prison number, with no referral and no cohort membership: nobody works with them.
    private async Task<string> KnownButNotWorkedWithAsync(string noms)
    {
        const string person = "feedfacefeedfacefeedfacefeedface";
        Domain.Identifiers.PrisonNumber.TryParse(noms, out var number, out _).ShouldBeTrue();
        var key = Domain.Referrals.PersonMatchKeys.OfNoms(number);
        await kit.Documents.CreateAsync(IdentityClaims.KeyOf(key), new IdentityClaim(key, person, new string('0', 32), kit.Time.GetUtcNow()), Ct);
        return person;
    }
}
