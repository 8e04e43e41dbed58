namespace Iom.Application.Releases.National;

/// <summary>What one run of <see cref="DrainNationalEvents"/> did with the batch it received.</summary>
public sealed record NationalEventDrainReport(int Received, int Completed, int DeadLettered, int Abandoned);
