using Iom.Application.Identity;
using Iom.Functions.Http;
using Iom.Functions.Offending;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Functions.Tests.Http;

/// <summary>
/// A function's own time budget (<see cref="TimeBudgetAttribute"/>) against the app's, in the pipeline, with a fake
/// clock that a slow body moves on as it is read: minutes of upload pass without minutes of waiting.
/// </summary>
public sealed class DeclaredTimeBudgetTests
{
    private static readonly HttpLimitOptions AppLimits = new() { RequestTimeout = TimeSpan.FromSeconds(30), BodyReadTimeout = TimeSpan.FromSeconds(10) };

    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpPipeline Pipeline() => new(
        NullLogger<HttpPipeline>.Instance,
        new AppServiceAuthentication(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Options.Create(new IdentityProviderOptions())),
        Options.Create(new IdentityProviderOptions()),
        Options.Create(new RateLimitOptions()),
        Options.Create(AppLimits),
        // Neither rate-limited nor about objects: the store is never asked.
        new Iom.Application.Throttling.CallerRateLimit(new Iom.Adapters.Sqlite.SqliteDocumentStore(new Iom.Adapters.Sqlite.SqliteDatabase(
            Path.Combine(Directory.CreateTempSubdirectory("iom-declared-budget-").FullName, "iom.db"))), clock),
        new ServiceCollection().BuildServiceProvider(),
        clock);

    /// <summary>
    /// The upload as declared, except that anyone may call it: who may call is the access matrix's matter, the time
    /// limits are this test's, and the pipeline applies both the same whoever calls.
    /// </summary>
    private static HttpFunction Upload
    {
        get
        {
            var declared = FunctionCatalog.ForApp().FindHttp("UploadOffendingRecords")!;
            return declared with { Policy = declared.Policy! with { Anonymous = true, Roles = new HashSet<string>() } };
        }
    }

    /// <summary>The same endpoint had it declared no budget of its own.</summary>
    private static HttpFunction UploadWithoutItsBudget => Upload with { Policy = Upload.Policy! with { RequestTimeout = null, BodyReadTimeout = null } };

    /// <summary>Streams <paramref name="size"/> bytes through the pipeline, <paramref name="perMiB"/> of (fake) time passing for each MiB read.</summary>
    private async Task<(IActionResult Result, TimeSpan Elapsed)> SendSlowlyAsync(HttpFunction function, long size, TimeSpan perMiB)
    {
        var started = clock.GetUtcNow();
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "text/csv";
        http.Request.Body = new SlowBody(clock, size, perMiB);

        var result = await Pipeline().RunAsync(http, function, async () =>
        {
            // What the upload does with its body, less the parsing: read it through the limited stream as it arrives.
            var token = HttpPipeline.InvocationToken(http)!.Value;
            await using var body = RequestBody.OpenStream(http.Request);
            var buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, token)) > 0)
            {
                total += read;
            }

            return new OkObjectResult(total);
        }, Ct);
        return (result, clock.GetUtcNow() - started);
    }

    [Fact]
    public async Task A_slow_50_MiB_upload_outlasts_the_apps_budget_within_its_own_and_is_read_to_the_end()
    {
        var (result, elapsed) = await SendSlowlyAsync(Upload, OffendingRecordFunctions.MaxUploadBytes, TimeSpan.FromSeconds(3));

        result.ShouldBeOfType<OkObjectResult>().Value.ShouldBe(OffendingRecordFunctions.MaxUploadBytes);
        // The test's own premise: the upload took longer than the app lets any other request take.
        elapsed.ShouldBeGreaterThan(AppLimits.RequestTimeout);
    }

    [Fact]
    public async Task The_same_slow_upload_to_an_endpoint_without_a_budget_of_its_own_is_cut_off_by_the_apps()
    {
        var (result, elapsed) = await SendSlowlyAsync(UploadWithoutItsBudget, OffendingRecordFunctions.MaxUploadBytes, TimeSpan.FromSeconds(3));

        result.ShouldBeOfType<ProblemResult>().Problem.Status.ShouldBe(StatusCodes.Status408RequestTimeout);
        elapsed.ShouldBeLessThan(AppLimits.RequestTimeout);
    }

    [Fact]
    public async Task An_upload_slower_than_its_own_budget_allows_is_still_cut_off()
    {
        // 50 MiB at 5 s a MiB would take 250 s: past the 200 s the body may take.
        var (result, elapsed) = await SendSlowlyAsync(Upload, OffendingRecordFunctions.MaxUploadBytes, TimeSpan.FromSeconds(5));

        result.ShouldBeOfType<ProblemResult>().Problem.Status.ShouldBe(StatusCodes.Status408RequestTimeout);
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(OffendingRecordFunctions.UploadBudgetSeconds));
    }

    [Fact]
    public void A_function_with_a_budget_longer_than_the_apps_gets_its_own_and_every_other_the_apps()
    {
        var upload = FunctionCatalog.ForApp().FindHttp("UploadOffendingRecords")!.Policy;
        var health = FunctionCatalog.ForApp().FindHttp("Health")!.Policy;

        AppLimits.RequestTimeoutFor(upload).ShouldBe(TimeSpan.FromSeconds(OffendingRecordFunctions.UploadBudgetSeconds));
        AppLimits.BodyReadTimeoutFor(upload).ShouldBe(TimeSpan.FromSeconds(OffendingRecordFunctions.UploadBodyReadSeconds));
        (AppLimits.RequestTimeoutFor(health), AppLimits.BodyReadTimeoutFor(health)).ShouldBe((AppLimits.RequestTimeout, AppLimits.BodyReadTimeout));
        // A configuration that gives every request longer than the declaration still applies: a declaration only widens.
        var generous = new HttpLimitOptions { RequestTimeout = TimeSpan.FromSeconds(229), BodyReadTimeout = TimeSpan.FromSeconds(228) };
        (generous.RequestTimeoutFor(upload), generous.BodyReadTimeoutFor(upload)).ShouldBe((generous.RequestTimeout, generous.BodyReadTimeout));
    }

    [Theory]
    [InlineData(nameof(Declarations.Anyone))]
    [InlineData(nameof(Declarations.BeyondTheFrontEnd))]
    [InlineData(nameof(Declarations.BodyNotShorter))]
    [InlineData(nameof(Declarations.NoBodyTime))]
    public void A_budget_declared_for_anyone_or_out_of_range_is_no_policy_so_the_function_serves_nobody(string method)
    {
        EndpointPolicy.Of(typeof(Declarations).GetMethod(method)!).ShouldBeNull();
    }

    [Fact]
    public void A_budget_declared_within_range_beside_roles_is_the_functions_own()
    {
        var policy = EndpointPolicy.Of(typeof(Declarations).GetMethod(nameof(Declarations.Valid))!).ShouldNotBeNull();

        (policy.RequestTimeout, policy.BodyReadTimeout).ShouldBe((TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(100)));
    }

    /// <summary>Declarations read by <see cref="EndpointPolicy.Of"/>, never served.</summary>
    private static class Declarations
    {
        [Anonymous, TimeBudget(120, BodyReadSeconds = 100)]
        public static void Anyone()
        {
        }

        [AllowRoles(Roles.Analyst, Purpose = "test"), TimeBudget(TimeBudgetAttribute.LongestSeconds + 1, BodyReadSeconds = 100)]
        public static void BeyondTheFrontEnd()
        {
        }

        [AllowRoles(Roles.Analyst, Purpose = "test"), TimeBudget(120, BodyReadSeconds = 120)]
        public static void BodyNotShorter()
        {
        }

        [AllowRoles(Roles.Analyst, Purpose = "test"), TimeBudget(120)]
        public static void NoBodyTime()
        {
        }

        [AllowRoles(Roles.Analyst, Purpose = "test"), TimeBudget(120, BodyReadSeconds = 100)]
        public static void Valid()
        {
        }
    }

    /// <summary>
    /// A request body that takes (fake) time to arrive: each read moves the clock on in proportion to what it hands
    /// over, as a slow line would, and honours the reader's token as a network read does.
    /// </summary>
    private sealed class SlowBody(FakeTimeProvider clock, long size, TimeSpan perMiB) : Stream
    {
        private const int Chunk = 64 * 1024;
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => size;
        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = (int)Math.Min(Math.Min(buffer.Length, Chunk), size - position);
            if (count <= 0)
            {
                return ValueTask.FromResult(0);
            }

            clock.Advance(perMiB * count / (1024 * 1024));
            buffer.Span[..count].Fill((byte)'x');
            position += count;
            return ValueTask.FromResult(count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
