using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Iom.Adapters.Persistence.Tests.Servers;

/// <summary>A dev server from the repository's node_modules (installed by `npm ci`), on a free loopback port.</summary>
public sealed class NodeServer : IAsyncDisposable
{
    // Generous: on a loaded two-core machine Azurite has been seen to take over 30 s to answer.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;

    private NodeServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <param name="bin">The name in node_modules/.bin.</param>
    /// <param name="arguments">The command line for a given port.</param>
    public static async Task<NodeServer> StartAsync(string bin, Func<int, string> arguments)
    {
        var path = Path.Combine(RepositoryRoot, "node_modules", ".bin", bin);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run `npm ci` in {RepositoryRoot} to install the dev servers.");
        }

        var port = FreePort();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(path, arguments(port))
            {
                WorkingDirectory = RepositoryRoot,
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new NodeServer(process, port);

        var deadline = DateTime.UtcNow + StartTimeout;
        while (!await AnswersAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                // Read before disposing: a disposed process can no longer say how it ended.
                var exit = process.HasExited ? process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none";
                await server.DisposeAsync();
                throw new InvalidOperationException(
                    $"{bin} did not start on port {port} within {StartTimeout.TotalSeconds} s (exit code {exit}):{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            }

            await Task.Delay(50);
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IomFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IomFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
