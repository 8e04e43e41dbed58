using Microsoft.AspNetCore.Http;

namespace Iom.Functions.Http;

/// <summary>
/// A request body read forward only, within a byte limit and a total waiting time (<see cref="RequestBody.OpenStream"/>).
/// The waiting time counts only the reads, so a function that works on each chunk as it arrives is not charged for its
/// own work, while a client trickling the body still is. Timed by <paramref name="clock"/>, the pipeline's.
/// </summary>
internal sealed class LimitedBodyStream(Stream inner, long maxBytes, TimeSpan readTimeout, TimeProvider clock) : Stream
{
    private long read;
    private TimeSpan waited;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var left = readTimeout - waited;
        if (left <= TimeSpan.Zero)
        {
            throw new RequestBodyTimeoutException(readTimeout);
        }

        using var timer = new CancellationTokenSource(left, clock);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var started = clock.GetTimestamp();
        int count;
        try
        {
            count = await inner.ReadAsync(buffer, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RequestBodyTimeoutException(readTimeout);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (set to this one by the pipeline) saw it first: the same refusal, with this limit.
            throw new RequestBodyTooLargeException(maxBytes);
        }
        finally
        {
            waited += clock.GetElapsedTime(started);
        }

        read += count;
        return read > maxBytes ? throw new RequestBodyTooLargeException(maxBytes) : count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous reads would block a thread on the network (Kestrel refuses them by default): everything here is async.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the request body asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
