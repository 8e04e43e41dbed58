using Iom.Application.Audit;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Domain.Calendar;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// Co-ordinators read and manage a panel's membership. Each change is one commit of the current memberships (under
/// their ETag) and the dated versions it makes; membership is not about an offender, so no person's audit log is
/// written, and the history records who changed what and when.
/// </summary>
/// <remarks>
/// Concurrency: a change sent with <c>If-Match</c> (required to change a member) is made only to the membership that
/// ETag names, else 412. The current memberships of all panels share one document, so a change can also meet another
/// panel's change, or an unconditional addition or removal another change: then it is re-read and applied again (up to
/// <see cref="Attempts"/> times), which loses nothing, since each move is applied to the membership as it then is and
/// an <c>If-Match</c> still guards the panel it names.
/// </remarks>
public sealed class PanelMembersHandler(PanelMembershipStore store, SecureMailDomains recipients, TimeProvider time)
{
    public const string ReadPurpose = "Panel administration: reading a panel's membership";
    public const string ChangePurpose = "Panel administration: managing a panel's membership";
    public const int Attempts = 3;

    /// <summary>The answer to every membership request: the roster shown and the panel membership's current ETag.</summary>
    public sealed record Answer(PanelMembersView View, string ETag);

    public static string ETagOf(PanelMembership membership) =>
        $"\"{PanelDirectory.Code(membership.Panel)}-{membership.Revision}\"";

    /// <summary>The roster today, or on <paramref name="on"/> (YYYY-MM-DD, any day).</summary>
    public async Task<Answer> GetAsync(PanelCode panel, string? on, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        var day = PanelMemberInput.Date(on, "on") ?? Today();
        var membership = (await store.ReadAsync(cancellationToken)).Of(panel);
        var version = await store.VersionOnAsync(membership, day, cancellationToken);
        return new Answer(PanelMembersView.Of(panel, day, version), ETagOf(membership));
    }

    public Task<Answer> AddAsync(PanelCode panel, AddPanelMemberRequest request, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        var (member, from) = PanelMemberInput.Parse(null, request, recipients);
        return ChangeAsync(panel, from, ifMatch, actor, (m, day, today, now) => m.Add(member, day, today, actor.Caller.UserId, now), cancellationToken);
    }

    public Task<Answer> ChangeMemberAsync(PanelCode panel, string memberId, ChangePanelMemberRequest request, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            // Replacing a member's details from a stale read would silently undo someone else's change.
            throw ValidationFailedException.For("If-Match", "Send the ETag of the membership you read (If-Match), so a change made meanwhile is not overwritten");
        }

        var id = MemberIdOrNotFound(memberId);
        var (details, from) = PanelMemberInput.Parse(id, request, recipients);
        return ChangeAsync(panel, from, ifMatch, actor, (m, day, today, now) => m.Change(id, details, day, today, actor.Caller.UserId, now), cancellationToken);
    }

    public Task<Answer> RemoveAsync(PanelCode panel, string memberId, string? effectiveFrom, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        var id = MemberIdOrNotFound(memberId);
        var from = PanelMemberInput.Date(effectiveFrom, "effectiveFrom");
        return ChangeAsync(panel, from, ifMatch, actor, (m, day, today, now) => m.Remove(id, day, today, actor.Caller.UserId, now), cancellationToken);
    }

    public Task<Answer> ChangeChairOrganisationAsync(PanelCode panel, ChangeChairOrganisationRequest request, string? ifMatch, ActingAs actor, CancellationToken cancellationToken)
    {
        actor.Reach(panel, PanelDirectory.NotFound);
        var (organisation, from) = PanelMemberInput.Parse(request);
        return ChangeAsync(panel, from, ifMatch, actor, (m, day, today, now) => m.ChangeChairOrganisation(organisation, day, today, actor.Caller.UserId, now), cancellationToken);
    }

    private async Task<Answer> ChangeAsync(
        PanelCode panel, DateOnly? effectiveFrom, string? ifMatch, ActingAs actor,
        Func<PanelMembership, DateOnly, DateOnly, DateTimeOffset, MembershipMove> move, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await store.ReadAsync(cancellationToken);
            var membership = snapshot.Of(panel);
            if (!Matches(ifMatch, ETagOf(membership)))
            {
                throw new RefusalException(RefusalKind.Stale, "stale", "Someone else changed this panel's membership first.",
                    "Read the membership again (its ETag) and make the change to it.");
            }

            var now = time.GetUtcNow();
            var today = LondonTime.LondonDate(now);
            var day = effectiveFrom ?? today;
            MembershipMove moved;
            try
            {
                moved = move(membership, day, today, now);
            }
            catch (MembershipRefusedException refused)
            {
                throw Refusal(refused);
            }

            try
            {
                await store.CommitAsync(snapshot, moved, cancellationToken);
                return new Answer(PanelMembersView.Of(panel, day, moved.Version), ETagOf(moved.Membership));
            }
            catch (DocumentStoreException lost) when (lost is DocumentPreconditionFailedException or DocumentConflictException && attempt < Attempts)
            {
                // Another change (to this panel or another) was stored since the read; nothing of this one was: read again and re-apply.
            }
        }
    }

    private static string MemberIdOrNotFound(string memberId) =>
        PanelMemberInput.TryMemberId(memberId, out var id) ? id : throw NoSuchMember();

    private static RefusalException NoSuchMember() => new(RefusalKind.NotFound, MembershipRefusedException.NoSuchMember, "There is no such member of the panel.");

    private static RefusalException Refusal(MembershipRefusedException refused) => refused.Rule == MembershipRefusedException.NoSuchMember
        ? NoSuchMember()
        : new RefusalException(RefusalKind.Unprocessable, refused.Rule, refused.Message);

    /// <summary>If-Match as RFC 9110 has it: absent (no condition), "*", or a list of ETags, one of which must be the current one.</summary>
    private static bool Matches(string? ifMatch, string current) =>
        string.IsNullOrWhiteSpace(ifMatch)
        || ifMatch.Trim() == "*"
        || ifMatch.Split(',').Select(t => t.Trim()).Any(t => t == current || t == "W/" + current);

    private DateOnly Today() => LondonTime.LondonDate(time.GetUtcNow());
}
