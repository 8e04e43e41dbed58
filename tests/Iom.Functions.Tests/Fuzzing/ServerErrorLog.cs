using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Iom.Functions.Tests.Fuzzing;

/// <summary>
/// Keeps what the host logs at Error or above, with the correlation id of the request it was logged in, so a failing
/// input can be printed with the exception behind it; and so a failure no response shows (a queue function's) fails
/// the run too.
/// </summary>
public sealed class ServerErrorLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string? CorrelationId, string Text)> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<(string? CorrelationId, string Text)> Entries => entries.ToList();

    public IEnumerable<string> For(string? correlationId) => entries.Where(e => correlationId is not null && e.CorrelationId == correlationId).Select(e => e.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ServerErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => log.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string? correlationId = null;
            log.scopes.ForEachScope((scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> values && values.FirstOrDefault(v => v.Key == "CorrelationId").Value is string id)
                {
                    correlationId = id;
                }
            }, (object?)null);
            log.entries.Enqueue((correlationId, $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : $"\n{exception}")}"));
        }
    }
}
