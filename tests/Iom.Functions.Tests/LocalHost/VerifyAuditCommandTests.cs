using System.Diagnostics;
using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Functions.Tests.Referrals;
using Iom.LocalHost.Commands;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>
/// The verification command as an operator runs it: <c>dotnet Iom.LocalHost.dll verify-audit</c> in its own process,
/// on a data directory the local host wrote and then stopped.
/// </summary>
public sealed class VerifyAuditCommandTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iom-verify-audit-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    /// <summary>Two people referred (and one read) through the local host; returns their person ids.</summary>
    private async Task<(string Read, string Other)> WriteTwoChainsAsync(Func<IDocumentStore, string, Task>? tamper = null)
    {
        await using var host = await RunningLocalHost.StartAsync(dataDirectory);
        var (referral, read) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        (await host.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, $"/api/referrals/{referral}", Iom.Application.Identity.Roles.Coordinator), Ct))
            .EnsureSuccessStatusCode();
        var (_, other) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        // Each acknowledgement e-mail is audited as a disclosure as soon as the outbox relays it: wait for both, so the
        // chains are settled before they are tampered with or counted.
        await host.AcknowledgedAsync(read);
        await host.AcknowledgedAsync(other);

        if (tamper is not null)
        {
            await tamper(host.Services.GetRequiredService<IDocumentStore>(), read);
        }

        return (read, other);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Somewhere with no .data of its own: the store must come from the arguments.
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Iom.LocalHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task An_intact_store_exits_0_with_the_counts()
    {
        await WriteTwoChainsAsync();

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Intact, output);
        output.ShouldContain("Audit chains checked: 2, records checked: 5, broken: 0");
        output.ShouldContain("Audit log intact.");
    }

    [Fact]
    public async Task A_tampered_chain_exits_2_and_names_the_person_and_the_problem()
    {
        var (tampered, other) = await WriteTwoChainsAsync(async (documents, person) =>
        {
            var key = new DocumentKey(Containers.People, person, AuditRecord.IdOf(1));
            var record = await documents.ReadAsync<AuditRecord>(key, Ct);
            await documents.UpsertAsync(key, record!.Value with { Purpose = "nothing to see here" }, Ct);
        });

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain("Audit chains checked: 2, records checked: 5, broken: 1");
        output.ShouldContain($"BROKEN person {tampered} (3 records): Record 1: its contents no longer match its hash.");
        output.ShouldNotContain(other);
        output.ShouldContain("Audit log NOT intact.");
    }

    [Fact]
    public async Task A_deleted_chain_head_exits_2()
    {
        var (tampered, _) = await WriteTwoChainsAsync((documents, person) =>
            documents.DeleteAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), null, Ct));

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain($"BROKEN person {tampered} (3 records): The chain's head is missing");
    }

    [Fact]
    public async Task A_folder_without_a_store_exits_1_instead_of_verifying_a_new_empty_one()
    {
        var empty = Path.Combine(dataDirectory, "nothing-here");

        var (exitCode, output, error) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={empty}");

        exitCode.ShouldBe(VerifyAuditCommand.Failed, output);
        error.ShouldContain("there is no local store at");
        Directory.Exists(empty).ShouldBeFalse();
    }
}
