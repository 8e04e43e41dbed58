using Iom.Application.Referrals;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

public sealed partial class ListingUpkeepFunction(ReferralListingUpkeep upkeep, ILogger<ListingUpkeepFunction> logger)
{
    /// <summary>Hourly at 40 minutes past: mends listings and removes orphans, the writes a GET used to make.</summary>
    [Function("ReferralListingUpkeep")]
    public async Task Run([TimerTrigger("0 40 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await upkeep.HandleAsync(cancellationToken);
        Done(logger, report.Checked, report.Mended, report.OrphansRemoved, report.MeetingsMoved, report.Relisted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listing upkeep: {Listings} listings checked, {Mended} mended, {Orphans} orphans removed, {Meetings} meetings moved apart, {Relisted} relisted from a day their meeting left.")]
    private static partial void Done(ILogger logger, int listings, int mended, int orphans, int meetings, int relisted);
}
