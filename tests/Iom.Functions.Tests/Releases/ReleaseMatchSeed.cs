using Iom.Application.Ports.Documents;
using Iom.Application.Releases.Matching;
using Iom.Domain.Releases;
using Iom.Functions.Tests.LocalHost;
using Microsoft.Extensions.DependencyInjection;

namespace Iom.Functions.Tests.Releases;

/// <summary>A possible match written straight into a running host's store, for tests that need one to decide.</summary>
public static class ReleaseMatchSeed
{
    public static readonly ReleaseReport Report = new(
        ReleaseSource.Prison, "seed-1", "SWI", "A1111AA", null, null, "Nora", "Numbers", new DateOnly(1994, 3, 2), ReleaseReason.Released,
        new DateOnly(2026, 12, 14), new DateTimeOffset(2026, 12, 14, 8, 30, 0, TimeSpan.Zero), null, null);

    /// <returns>The match id (32 hex digits) of a possible match with one candidate, <paramref name="personId"/>.</returns>
    public static async Task<string> PossibleAsync(RunningLocalHost host, string personId, string hex = "0123456789abcdef0123456789abcdef")
    {
        var match = ReleaseMatch.Possible(hex, ReleaseMatches.NotificationIdOf(hex), Report, Report.OccurredAt, ReleaseMatchGround.NameAndDateOfBirth, [personId]);
        await host.Services.GetRequiredService<IDocumentStore>().CreateAsync(ReleaseMatches.KeyOf(hex), match, TestContext.Current.CancellationToken);
        return hex;
    }
}
