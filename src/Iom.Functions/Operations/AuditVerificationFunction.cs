using Iom.Application.Audit;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

/// <summary>
/// Verifies every audit chain, so tampering is noticed without anyone asking: an error in the logs (which an alert
/// rule watches) when a chain is broken. Counts only: which chains are broken is for an auditor to ask
/// (<c>GET /api/audit/verify</c>) or an operator to run (<c>verify-audit</c>), not for the logs. Each run then anchors
/// every chain head in write-once storage (<see cref="Iom.Application.Ports.AuditAnchors.IAuditAnchorStore"/>): after
/// verifying every record once a day, and from the chain heads alone every hour between, so what can vanish unseen is
/// at most the last hour's records.
/// </summary>
public sealed partial class AuditVerificationFunction(VerifyAuditChains verify, AnchorChainHeads anchorHeads, ILogger<AuditVerificationFunction> logger)
{
    /// <summary>Daily at 03:15 UTC, after the retention job has written its erasure records.</summary>
    [Function("VerifyAuditChains")]
    public Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) => VerifyAndAnchorAsync(cancellationToken);

    /// <summary>
    /// Hourly at 45 minutes past: an anchor of every chain's head, read without the records behind it, so it costs the
    /// number of chains however long they grow. A head that no longer agrees with the anchor before is held back and
    /// logged as an error; the nightly run says what is wrong.
    /// </summary>
    [Function("AnchorAuditChains")]
    public async Task Anchor([TimerTrigger("0 45 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var anchored = await anchorHeads.HandleAsync(cancellationToken);
        if (anchored.HeldBack == 0)
        {
            LogAnchored(logger, anchored.Chains);
        }
        else
        {
            LogHeldBack(logger, anchored.HeldBack, anchored.Chains);
        }
    }

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit anchor: {Chains} chain heads anchored")]
    private static partial void LogAnchored(ILogger logger, int chains);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit anchor: {HeldBack} of {Chains} chains no longer agree with the previous anchor and were held back at it; run verify-audit or GET /api/audit/verify to see which")]
    private static partial void LogHeldBack(ILogger logger, int heldBack, int chains);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit verification: all {Chains} chains intact ({Records} records)")]
    private static partial void LogIntact(ILogger logger, int chains, long records);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit verification: {Broken} of {Chains} chains are broken ({Records} records checked); run verify-audit or GET /api/audit/verify to see which")]
    private static partial void LogBroken(ILogger logger, int broken, int chains, long records);
}
