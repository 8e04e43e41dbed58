using Iom.Application.Ports.Documents;

namespace Iom.Application.Releases.Matching;

/// <summary>
/// One side of a prison number merge: <see cref="Number"/> and <see cref="Alias"/> are the same person. Stored in the
/// identities container in the partition of <see cref="Number"/> (<see cref="PrisonNumberAliases.PartitionOf"/>),
/// under the alias as id, so each number's aliases are one small read and a repeated merge conflicts.
/// </summary>
[DocumentKind("prison-number-alias")]
public sealed record PrisonNumberAlias(string Number, string Alias, DateTimeOffset MergedAt);
