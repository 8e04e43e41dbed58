using Iom.LoadBench;

// dotnet run -c Release --project bench/Iom.LoadBench -- intake [--seconds 20] [--connections 64] [--rate 100] [--stored 100000] [--warmup 5]
if (args.Length == 0 || args[0] != "intake")
{
    Console.Error.WriteLine("Usage: intake [--seconds 20] [--connections 64] [--rate 100] [--stored 100000] [--warmup 5] (see bench/README.md)");
    return 1;
}

#if DEBUG
Console.Error.WriteLine("Warning: a Debug build; the figures are only comparable when run with -c Release.");
#endif
var report = await IntakeBenchmark.RunAsync(IntakeOptions.Parse(args[1..]), Console.Out, CancellationToken.None);
Console.WriteLine();
Console.WriteLine(report.ToMarkdown());
return 0;
