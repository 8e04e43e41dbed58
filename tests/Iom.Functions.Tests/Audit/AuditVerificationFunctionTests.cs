using Iom.Application.Audit;
using Iom.Application.Ports.Documents;
using Iom.Functions.Operations;
using Iom.Functions.Tests.LocalHost;
using Iom.Functions.Tests.Referrals;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Tests.Audit;

/// <summary>The daily check of every audit chain: counts in the logs, an error when a chain is broken, no person ids.</summary>
public sealed class AuditVerificationFunctionTests : IAsyncLifetime
{
    private readonly ListLogger logger = new();
    private RunningLocalHost host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => host = await RunningLocalHost.StartAsync();

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private AuditVerificationFunction Function() =>
        new(host.Services.GetRequiredService<VerifyAuditChains>(), host.Services.GetRequiredService<AnchorChainHeads>(), logger);

    private Task RunAsync() => Function().Run(new TimerInfo(), Ct);

    [Fact]
    public void The_local_host_schedules_it_daily()
    {
        var timer = host.Services.GetRequiredService<Iom.Functions.Http.FunctionCatalog>().Timers.Single(t => t.Name == "VerifyAuditChains");

        timer.Schedule.ShouldBe("0 15 3 * * *");
    }

    [Fact]
    public async Task Intact_chains_are_logged_as_information_with_their_counts()
    {
        var (_, first) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (_, second) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        await host.AcknowledgedAsync(first);
        await host.AcknowledgedAsync(second);

        await RunAsync();

        var (level, message) = logger.Entries.ShouldHaveSingleItem();
        level.ShouldBe(LogLevel.Information);
        // A collection and the acknowledgement e-mail's disclosure for each.
        message.ShouldBe("Audit verification: all 2 chains intact (4 records)");
    }

    [Fact]
    public async Task A_broken_chain_is_logged_as_an_error_with_counts_and_no_person_id()
    {
        var (_, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (_, other) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        await host.AcknowledgedAsync(person);
        await host.AcknowledgedAsync(other);
        await host.Services.GetRequiredService<IDocumentStore>().DeleteAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), null, Ct);

        await RunAsync();

        var (level, message) = logger.Entries.ShouldHaveSingleItem();
        level.ShouldBe(LogLevel.Error);
        message.ShouldStartWith("Audit verification: 1 of 2 chains are broken (4 records checked)");
        message.ShouldNotContain(person);
    }

    [Fact]
    public async Task The_hourly_anchor_logs_how_many_chain_heads_it_anchored_and_an_error_when_one_no_longer_agrees_with_the_anchor()
    {
        var timer = host.Services.GetRequiredService<Iom.Functions.Http.FunctionCatalog>().Timers.Single(t => t.Name == "AnchorAuditChains");
        timer.Schedule.ShouldBe("0 45 * * * *");
        var (_, person) = await host.ReferAsync(ReferralApiTests.ValidReferral());
        var (_, other) = await host.ReferAsync(ReferralApiTests.ValidReferral("Amy", "Blake", "1990-05-05", null));
        await host.AcknowledgedAsync(person);
        await host.AcknowledgedAsync(other);

        await Function().Anchor(new TimerInfo(), Ct);
        await host.Services.GetRequiredService<IDocumentStore>().DeleteAsync(new DocumentKey(Containers.People, person, AuditChainHead.DocumentId), null, Ct);
        await Function().Anchor(new TimerInfo(), Ct);

        logger.Entries.Select(e => e.Level).ShouldBe([LogLevel.Information, LogLevel.Error]);
        logger.Entries[0].Message.ShouldBe("Audit anchor: 2 chain heads anchored");
        logger.Entries[1].Message.ShouldStartWith("Audit anchor: 1 of 2 chains no longer agree with the previous anchor");
        logger.Entries[1].Message.ShouldNotContain(person);
    }

    private sealed class ListLogger : ILogger<AuditVerificationFunction>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
