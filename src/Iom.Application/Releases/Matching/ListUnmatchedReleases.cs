using Iom.Application.Api;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Domain.Releases;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// The notifications no agency has heard of, for the co-ordinator: possible matches to decide, rejected ones and
/// those about nobody known or nobody worked with, oldest first. One indexed query of the matches' partition
/// (<c>listed</c>, ordered by <c>receivedAt</c>: infra/containers.json) a page at a time. Nothing is written but the
/// law's record of the read: each person a shown entry names as a candidate gets a Consultation in their log first.
/// </summary>
public sealed class ListUnmatchedReleases(IDocumentStore documents, AuditTrail audit, TimeProvider time)
{
    public const string Purpose = "Offender management: the prison release notifications not matched to a person worked with";

    public const int MaxPageSize = 100;

    public async Task<(IReadOnlyList<UnmatchedReleaseSummary> Items, string? Continuation)> HandleAsync(
        UnmatchedReleaseQuery query, ActingAs actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(actor);
        // The list is every match at once: only a role whose rule reaches every match may read it.
        actor.ReachEvery<ReleaseMatch>(DecideReleaseMatchHandler.NotFound);
        var page = await documents.PageAsync<ReleaseMatch>(new DocumentQuery(Containers.Identities, ReleaseMatches.Partition)
        {
            Filters = [FieldFilter.EqualTo("listed", true)],
            OrderBy = "receivedAt",
            PageSize = query.PageSize,
            Continuation = query.Continuation,
        }, cancellationToken);

        var now = time.GetUtcNow();
        var consulted = page.Items.SelectMany(m => m.Value.Candidates.Select(person => (Person: person, Match: m.Value.Id)))
            .GroupBy(c => c.Person, StringComparer.Ordinal);
        await Task.WhenAll(consulted.Select(person => audit.CommitAsync(
            [.. person.Select(c => actor.Entry(person.Key, AuditOperation.Consultation, $"release-match/{c.Match}", now))], [], cancellationToken)));
        return ([.. page.Items.Select(m => UnmatchedReleaseSummary.Of(m.Value))], page.Continuation);
    }
}
