using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Iom.Benchmarks.IntakeBenchmarks).Assembly).Run(args);
