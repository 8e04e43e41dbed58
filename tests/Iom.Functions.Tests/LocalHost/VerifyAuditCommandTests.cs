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
    private Task<(string Read, string Other)> WriteTwoChainsAsync(Func<IDocumentStore, string, Task>? tamper = null) =>
        WriteTwoChainsAsync(tamper is null ? null : (services, person) => tamper(services.GetRequiredService<IDocumentStore>(), person));

    private async Task<(string Read, string Other)> WriteTwoChainsAsync(Func<IServiceProvider, string, Task>? tamper)
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
            await tamper(host.Services, read);
        }

        return (read, other);
    }

    private static async Task<long> CountAsync(IDocumentStore documents, string person) =>
        (await documents.ReadAsync<AuditChainHead>(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), Ct))!.Value.Count;

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
    public async Task A_record_rewritten_with_its_hashes_and_head_recomputed_exits_2_because_its_MAC_fails_without_the_key()
    {
        var (tampered, _) = await WriteTwoChainsAsync(async (documents, person) =>
        {
            // Change the first record, recompute its hash, re-chain the second onto it and fix the head: what passed before.
            var first = (await documents.ReadAsync<AuditRecord>(new DocumentKey(Containers.People, person, AuditRecord.IdOf(1)), Ct))!.Value;
            var second = (await documents.ReadAsync<AuditRecord>(new DocumentKey(Containers.People, person, AuditRecord.IdOf(2)), Ct))!.Value;
            var forged = first with { Purpose = "nothing to see here" };
            forged = forged with { Hash = forged.ComputeHash() };
            var rechained = second with { PreviousHash = forged.Hash };
            rechained = rechained with { Hash = rechained.ComputeHash() };
            await documents.UpsertAsync(new DocumentKey(Containers.People, person, forged.Id), forged, Ct);
            await documents.UpsertAsync(new DocumentKey(Containers.People, person, rechained.Id), rechained, Ct);
            await documents.UpsertAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), new AuditChainHead(person, 2, rechained.Hash), Ct);
        });

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain($"BROKEN person {tampered} (3 records): Record 1: its MAC does not match: it was changed by someone without the audit key.");
    }

    [Fact]
    public async Task A_chain_deleted_whole_after_it_was_anchored_exits_2_and_is_named()
    {
        long anchored = 0;
        var (deleted, other) = await WriteTwoChainsAsync(async (services, person) =>
        {
            await services.GetRequiredService<VerifyAuditChains>().HandleAsync(anchor: true, Ct);
            var documents = services.GetRequiredService<IDocumentStore>();
            anchored = await CountAsync(documents, person);
            foreach (var id in Enumerable.Range(1, (int)anchored).Select(i => AuditRecord.IdOf(i)).Prepend(AuditChainHead.DocumentId))
            {
                (await documents.DeleteAsync(new DocumentKey(Containers.People, person, id), null, Ct)).ShouldBeTrue();
            }
        });

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain("Compared with the anchor of ");
        output.ShouldContain($"BROKEN person {deleted} (0 records): The chain is gone from the store, but the anchor of ");
        anchored.ShouldBe(3);
        output.ShouldContain($"holds it with {anchored} records: it was deleted.");
        output.ShouldNotContain(other);
    }

    [Fact]
    public async Task A_chain_cut_back_after_it_was_anchored_exits_2()
    {
        var (cut, _) = await WriteTwoChainsAsync(async (services, person) =>
        {
            await services.GetRequiredService<VerifyAuditChains>().HandleAsync(anchor: true, Ct);
            var documents = services.GetRequiredService<IDocumentStore>();
            var first = (await documents.ReadAsync<AuditRecord>(new DocumentKey(Containers.People, person, AuditRecord.IdOf(1)), Ct))!.Value;
            for (var sequence = await CountAsync(documents, person); sequence > 1; sequence--)
            {
                await documents.DeleteAsync(new DocumentKey(Containers.People, person, AuditRecord.IdOf(sequence)), null, Ct);
            }

            await documents.UpsertAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), new AuditChainHead(person, 1, first.Hash), Ct);
        });

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain($"BROKEN person {cut} (1 records): The chain has 1 records, but the anchor of ");
    }

    [Fact]
    public async Task A_chain_cut_back_after_the_hourly_anchor_from_chain_heads_exits_2()
    {
        var (cut, other) = await WriteTwoChainsAsync(async (services, person) =>
        {
            (await services.GetRequiredService<AnchorChainHeads>().HandleAsync(Ct)).HeldBack.ShouldBe(0);
            var documents = services.GetRequiredService<IDocumentStore>();
            var first = (await documents.ReadAsync<AuditRecord>(new DocumentKey(Containers.People, person, AuditRecord.IdOf(1)), Ct))!.Value;
            for (var sequence = await CountAsync(documents, person); sequence > 1; sequence--)
            {
                await documents.DeleteAsync(new DocumentKey(Containers.People, person, AuditRecord.IdOf(sequence)), null, Ct);
            }

            await documents.UpsertAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), new AuditChainHead(person, 1, first.Hash) { LastMac = first.Seal }, Ct);
        });

        var (exitCode, output, _) = await RunAsync(VerifyAuditCommand.Name, $"--Sqlite:DataDirectory={dataDirectory}");

        exitCode.ShouldBe(VerifyAuditCommand.Broken, output);
        output.ShouldContain($"BROKEN person {cut} (1 records): The chain has 1 records, but the anchor of ");
        output.ShouldNotContain(other);
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
