using Iom.Application.Audit;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Operations;

/// <summary>
/// Verifies every audit chain once a day, so tampering is noticed without anyone asking: an error in the logs (which
/// an alert rule watches) when a chain is broken. Counts only: which chains are broken is for an auditor to ask
/// (<c>GET /api/audit/verify</c>) or an operator to run (<c>verify-audit</c>), not for the logs.
/// </summary>
public sealed partial class AuditVerificationFunction(VerifyAuditChains verify, ILogger<AuditVerificationFunction> logger)
{
    /// <summary>Daily at 03:15 UTC, after the retention job has written its erasure records.</summary>
    [Function("VerifyAuditChains")]
    public async Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await verify.HandleAsync(cancellationToken);
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
