using System.Diagnostics;
using System.Globalization;

namespace Iom.LoadBench;

/// <summary>
/// Measures a phase in this process as if it were the process's only work: the garbage of what went before is
/// collected, the kernel's peak-RSS mark is reset, and the peak read back after it.
/// </summary>
internal static class PhaseMeter
{
    public static async Task<(T Result, PhaseMeasure Measure)> MeasureAsync<T>(Func<Task<T>> phase)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var reset = ResetPeak();
        var start = Resident();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var result = await phase();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var allocatedNow = GC.GetTotalAllocatedBytes(precise: true);
        var peak = reset ? Status("VmHWM:") : Process.GetCurrentProcess().PeakWorkingSet64;
        return (result, new PhaseMeasure(elapsed, peak, allocatedNow - allocated, start));
    }

    /// <summary>The process's peak resident set since it started (never reset): what a host would have to allow it.</summary>
    public static long ProcessPeak()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static long Resident() => OperatingSystem.IsLinux() ? Status("VmRSS:") : Environment.WorkingSet;

    // "5" resets VmHWM to the current RSS (Linux 4.0+).
    private static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
