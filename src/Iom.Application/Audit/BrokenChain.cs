namespace Iom.Application.Audit;

/// <summary>A chain that did not verify: whose it is (a pseudonymous person id) and what is wrong with it.</summary>
public sealed record BrokenChain(string PersonId, long Records, long? FirstBrokenSequence, string Problem);
