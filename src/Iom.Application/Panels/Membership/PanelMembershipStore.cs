using System.Globalization;
using Iom.Application.Ports.Documents;
using Iom.Domain.Panels;
using Iom.Domain.Referrals;

namespace Iom.Application.Panels.Membership;

/// <summary>
/// Reads and writes panel membership: the current memberships in one document (<see cref="CurrentMemberships"/>) and
/// every dated version as a document of its own (<see cref="PanelRosterVersion"/>), all in one partition, so a change
/// is one atomic commit with an ETag precondition.
/// </summary>
public sealed class PanelMembershipStore(IDocumentStore documents, PanelMembershipSeed seed)
{
    /// <summary>Every panel's current membership, and the stored document's ETag (null before any change was stored).</summary>
    public sealed record Snapshot(StoredDocument<CurrentMemberships>? Stored, Func<PanelCode, PanelMembership> Of);

    /// <summary>One point read. A panel never changed is its configured roster; nothing is written (a GET never writes).</summary>
    public async Task<Snapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var stored = await documents.ReadAsync<CurrentMemberships>(CurrentMemberships.Key, cancellationToken);
        return new Snapshot(stored, panel =>
            stored?.Value.Panels.GetValueOrDefault(PanelDirectory.Code(panel)) ?? seed.For(panel));
    }

    /// <summary>The roster of <paramref name="day"/>: from the current memberships when it holds that day, else one indexed query for the version in force on it.</summary>
    public async Task<PanelRoster> OnDayAsync(PanelCode panel, DateOnly day, CancellationToken cancellationToken) =>
        (await VersionOnAsync((await ReadAsync(cancellationToken)).Of(panel), day, cancellationToken)).Roster(panel, day);

    /// <summary>The version of <paramref name="membership"/> in force on <paramref name="day"/>; at most one query, for a day before the versions it holds.</summary>
    public async Task<RosterVersion> VersionOnAsync(PanelMembership membership, DateOnly day, CancellationToken cancellationToken)
    {
        if (membership.VersionOn(day) is { } held)
        {
            return held;
        }

        var panel = membership.Panel;

        var page = await documents.QueryAsync<PanelRosterVersion>(new DocumentQuery(Containers.Panels, CurrentMemberships.Partition)
        {
            Filters =
            [
                FieldFilter.EqualTo("panel", PanelDirectory.Code(panel)),
                // Ends after the day: until is exclusive. (Not reached for DateOnly.MaxValue: the current memberships hold it.)
                FieldFilter.AtLeast("effectiveUntil", day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ],
            OrderBy = "effectiveUntil",
            PageSize = 1,
        }, cancellationToken);

        // A version is written with every change, so one always covers a day before the current ones; the oldest held
        // stands in should one ever be missing.
        return page.Items.Count > 0 ? page.Items[0].Value.Version : membership.Versions[0];
    }

    /// <summary>
    /// Commits a move: the current memberships (created, or replaced under <paramref name="snapshot"/>'s ETag), the
    /// version it made and the version it closed, which now ends where the new one begins (on a panel's first change,
    /// its configured roster, stored then as its first version).
    /// </summary>
    /// <exception cref="DocumentPreconditionFailedException">Someone changed any panel's membership since the snapshot.</exception>
    /// <exception cref="DocumentConflictException">Someone stored the first change at the same time.</exception>
    public async Task CommitAsync(Snapshot snapshot, MembershipMove move, CancellationToken cancellationToken)
    {
        var panel = move.Membership.Panel;
        var code = PanelDirectory.Code(panel);
        var panels = new Dictionary<string, PanelMembership>(snapshot.Stored?.Value.Panels ?? new Dictionary<string, PanelMembership>(), StringComparer.Ordinal)
        {
            [code] = move.Membership,
        };
        var current = new CurrentMemberships(panels);
        var writes = new List<DocumentWrite>
        {
            snapshot.Stored is { } stored
                ? DocumentWrite.Replace(CurrentMemberships.Id, current, stored.ETag)
                : DocumentWrite.Create(CurrentMemberships.Id, current),
            DocumentWrite.Upsert(PanelRosterVersion.IdOf(panel, move.Version.EffectiveFrom), new PanelRosterVersion(panel, DateOnly.MaxValue, move.Version)),
        };
        if (move.Closed is { } closed)
        {
            writes.Add(DocumentWrite.Upsert(PanelRosterVersion.IdOf(panel, closed.EffectiveFrom), new PanelRosterVersion(panel, move.Version.EffectiveFrom, closed)));
        }

        await documents.CommitAsync(Containers.Panels, CurrentMemberships.Partition, writes, cancellationToken);
    }
}
