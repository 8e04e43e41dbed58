namespace Iom.Application.Performance.Rollups;

/// <summary>
/// Where the rollup job gets its facts. Today one implementation, <see cref="DocumentFactSource"/>, a full pass over
/// the documents (the fallback); the change-journal path replaces only this, keeping every fact keyed by its
/// document so a changed document's new fact replaces its old one.
/// </summary>
public interface IPerformanceFactSource
{
    Task<PerformanceFactsRead> ReadAsync(CancellationToken cancellationToken);
}
