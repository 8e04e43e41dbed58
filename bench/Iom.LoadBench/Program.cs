using Iom.LoadBench;

// dotnet run -c Release --project bench/Iom.LoadBench -- intake [--seconds 20] [--connections 64] [--rate 100] [--stored 100000] [--warmup 5]
// dotnet run -c Release --project bench/Iom.LoadBench -- releases [--rate 50] [--seconds 60] [--drain 60]
// dotnet run -c Release --project bench/Iom.LoadBench -- rollups [--sizes 1000,10000,100000] [--changes 500] [--repetitions 3] [--phases all|recompute]
if (args.Length > 0 && args[0] == RollupBenchmark.ChildCommand)
{
    // One size of the rollup benchmark, in a process of its own (started by `rollups`).
    return await RollupBenchmark.ChildMainAsync(args[1..]);
}

if (args.Length == 0 || args[0] is not ("intake" or "releases" or "rollups"))
{
    Console.Error.WriteLine("Usage: intake [--seconds 20] [--connections 64] [--rate 100] [--stored 100000] [--warmup 5]");
    Console.Error.WriteLine("       releases [--rate 50] [--seconds 60] [--drain 60]");
    Console.Error.WriteLine("       rollups [--sizes 1000,10000,100000] [--changes 500] [--repetitions 3] [--phases all|recompute] (see bench/README.md)");
    return 1;
}

#if DEBUG
Console.Error.WriteLine("Warning: a Debug build; the figures are only comparable when run with -c Release.");
#endif
var markdown = args[0] switch
{
    "intake" => (await IntakeBenchmark.RunAsync(IntakeOptions.Parse(args[1..]), Console.Out, CancellationToken.None)).ToMarkdown(),
    "releases" => (await ReleaseBenchmark.RunAsync(ReleaseOptions.Parse(args[1..]), Console.Out, CancellationToken.None)).ToMarkdown(),
    _ => (await RollupBenchmark.RunAsync(RollupOptions.Parse(args[1..]), Console.Out, CancellationToken.None)).ToMarkdown(),
};
Console.WriteLine();
Console.WriteLine(markdown);
return 0;
