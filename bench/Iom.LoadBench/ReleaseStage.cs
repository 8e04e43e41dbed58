namespace Iom.LoadBench;

/// <summary>One stage of the flow: the time from the previous timestamp to this one, over the completed notifications.</summary>
internal sealed record ReleaseStage(string Name, string Between, IReadOnlyList<double> Ms);
