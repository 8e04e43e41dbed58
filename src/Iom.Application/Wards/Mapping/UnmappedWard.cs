namespace Iom.Application.Wards.Mapping;

/// <summary>A free-text ward value that names no configured ward, and how many referrals hold it.</summary>
public sealed record UnmappedWard(string Value, int Referrals);
