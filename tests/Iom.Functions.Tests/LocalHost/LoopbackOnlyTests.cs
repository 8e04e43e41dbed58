using System.Net;
using System.Net.Sockets;
using Iom.Application.Identity;
using Iom.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>The local host is reachable from this machine only, and its data is readable by its owner only.</summary>
public sealed class LoopbackOnlyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("rebind.attacker.example:7071")]
    [InlineData("rebind.attacker.example")]
    [InlineData("localhost.attacker.example:7071")]
    [InlineData("127.0.0.1.nip.io:7071")]
    [InlineData("10.0.0.5:7071")]
    [InlineData("[::ffff:10.0.0.5]:7071")]
    public async Task A_request_addressed_to_any_name_but_loopback_is_refused_with_400_problem_details_even_with_an_identity(string host)
    {
        await using var local = await RunningLocalHost.StartAsync();
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami", Roles.Coordinator);
        request.Headers.Host = host;

        var response = await local.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("urn:iom:problem:host-not-loopback");
        body.ShouldNotContain("Coordinator", Case.Insensitive);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("[::1]")]
    public async Task A_request_addressed_to_a_loopback_name_is_served(string name)
    {
        await using var local = await RunningLocalHost.StartAsync();
        var request = RunningLocalHost.Request(HttpMethod.Get, "/api/probe/whoami", Roles.Coordinator);
        request.Headers.Host = $"{name}:{local.BaseAddress.Port}";

        var response = await local.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://0.0.0.0:0")]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://*:0")]
    public async Task The_local_host_stops_at_start_when_it_is_bound_beyond_loopback_whichever_setting_asked_for_it(string binding)
    {
        var data = Directory.CreateTempSubdirectory("iom-bind-").FullName;
        await using var app = LocalHostApp.Build(["--Urls=http://127.0.0.1:0", $"--Sqlite:DataDirectory={data}", binding], [typeof(ProbeFunctions)]);

        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        refusal.Message.ShouldContain("loopback");
        // And it no longer listens: the port it was given refuses connections.
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        port.ShouldBeGreaterThan(0);
        using var client = new TcpClient();
        await Should.ThrowAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port, Ct).AsTask());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix modes; Windows has ACLs instead.
    public async Task The_data_folder_is_made_owner_only_and_the_store_its_journal_files_and_the_local_secrets_are_owner_read_write_only()
    {
        var parent = Directory.CreateTempSubdirectory("iom-modes-").FullName;
        var data = Path.Combine(parent, "data");
        await using var local = await RunningLocalHost.StartAsync(data);
        // The form makes the key ring, so the local secrets file exists too.
        (await local.Client.SendAsync(RunningLocalHost.Request(HttpMethod.Get, "/api/referrals/new", Roles.Referrer), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        File.GetUnixFileMode(data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var file in new[] { "iom.db", "iom.db-wal", "iom.db-shm", "local-secrets.json" })
        {
            var path = Path.Combine(data, file);
            File.Exists(path).ShouldBeTrue(file);
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite, file);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_store_left_readable_by_others_by_an_earlier_version_is_narrowed_to_its_owner_at_start()
    {
        var data = Directory.CreateTempSubdirectory("iom-modes-").FullName;
        await using (await RunningLocalHost.StartAsync(data))
        {
        }

        const UnixFileMode loose = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(data, loose | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(data, "iom.db"), loose);

        await using var again = await RunningLocalHost.StartAsync(data);

        File.GetUnixFileMode(data).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.GetUnixFileMode(Path.Combine(data, "iom.db")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
