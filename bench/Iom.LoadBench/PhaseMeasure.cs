using System.Diagnostics;

namespace Iom.LoadBench;

/// <summary>One measured phase: wall time, the process's peak resident memory during it, and what it allocated.</summary>
/// <param name="PeakBytes">VmHWM after the phase, the high-water mark having been reset to the resident set just before it
/// (Linux <c>/proc/self/clear_refs</c> 5); the process's <see cref="Process.PeakWorkingSet64"/> where that is not available.</param>
internal sealed record PhaseMeasure(double Ms, long PeakBytes, long AllocatedBytes, long StartBytes);
