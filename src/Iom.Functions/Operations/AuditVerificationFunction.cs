using Iom.Application.Audit;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

/// <summary>
/// Verifies every audit chain, so tampering is noticed without anyone asking: an error in the logs (which an alert
/// rule watches) when a chain is broken. Counts only: which chains are broken is for an auditor to ask
/// (<c>GET /api/audit/verify</c>) or an operator to run (<c>verify-audit</c>), not for the logs. Each run then anchors
/// every chain head in write-once storage (<see cref="Iom.Application.Ports.AuditAnchors.IAuditAnchorStore"/>): fully
/// once a day, and every hour between, so what can vanish unseen is at most the last hour's records.
/// </summary>
public sealed partial class AuditVerificationFunction(VerifyAuditChains verify, ILogger<AuditVerificationFunction> logger)
{
    /// <summary>Daily at 03:15 UTC, after the retention job has written its erasure records.</summary>
    [Function("VerifyAuditChains")]
    public Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => VerifyAndAnchorAsync(cancellationToken);

    /// <summary>
    /// Hourly at 45 minutes past: the same check, run for the anchor it writes. It reads every record; at one
    /// partnership's scale (thousands of records) that is seconds.
    /// </summary>
    [Function("AnchorAuditChains")]
    public Task Anchor([TimerTrigger("0 45 * * * *")] TimerInfo timer, CancellationToken cancellationToken) => VerifyAndAnchorAsync(cancellationToken);

    private async Task VerifyAndAnchorAsync(CancellationToken cancellationToken)
    {
        var report = await verify.HandleAsync(anchor: true, cancellationToken);
        if (report.Intact)
        {
            LogIntact(logger, report.ChainsChecked, report.RecordsChecked);
        }
        else
        {
            LogBroken(logger, report.Broken.Count, report.ChainsChecked, report.RecordsChecked);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit verification: all {Chains} chains intact ({Records} records)")]
    private static partial void LogIntact(ILogger logger, int chains, long records);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit verification: {Broken} of {Chains} chains are broken ({Records} records checked); run verify-audit or GET /api/audit/verify to see which")]
    private static partial void LogBroken(ILogger logger, int broken, int chains, long records);
}
