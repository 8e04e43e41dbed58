using Iom.LocalHost;
using Iom.LocalHost.Commands;

// "verify-audit [--Key=Value ...]" runs the audit log's verification command instead of the host.
if (args is [VerifyAuditCommand.Name, .. var settings])
{
    return await VerifyAuditCommand.RunAsync(settings, Console.Out, Console.Error);
}

await LocalHostApp.Build(args).RunAsync();
return 0;
