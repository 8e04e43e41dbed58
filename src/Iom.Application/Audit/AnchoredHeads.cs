namespace Iom.Application.Audit;

/// <summary>
/// What the hourly anchor did: how many chains it anchored, how many of them it held back at their previous checkpoint
/// because their head no longer agreed with it (a sign of tampering for the full verification to name), and when.
/// </summary>
public sealed record AnchoredHeads(int Chains, int HeldBack, DateTimeOffset Written);
