namespace Iom.Functions.Tests.Fuzzing;

/// <summary>
/// The fuzz run: generated malformed input to every HTTP function of the app through the real local host. By default
/// a fixed-seed run of 10,000 inputs (part of every test run); <c>FUZZ_ITERATIONS</c> and <c>FUZZ_SEED</c> choose
/// another, and <c>FUZZ_ONLY</c> replays one input (README, "Fuzzing"). That every endpoint gets inputs is
/// <see cref="FuzzHarnessTests"/>' to show.
/// </summary>
public sealed class FuzzTests
{
    private const int Concurrency = 8;

    [Fact]
    public async Task Fixed_seed_malformed_input_to_every_endpoint_gets_no_5xx_only_well_formed_refusals_and_leaves_no_partial_record()
    {
        var ct = TestContext.Current.CancellationToken;
        var endpoints = FuzzEndpoints.All();
        var generator = new FuzzGenerator(FuzzSettings.Seed, endpoints);
        var indices = FuzzSettings.Only is { } only ? [only] : Enumerable.Range(0, FuzzSettings.Iterations);
        await using var runner = await FuzzRunner.StartAsync(ct);

        var summary = await runner.RunAsync(generator, indices, Concurrency, ct);

        TestContext.Current.TestOutputHelper?.WriteLine(summary.ToString());
        summary.Passed.ShouldBeTrue("see the summary in the test output");
    }
}
