using System.Collections.Concurrent;
using Iom.Application.Ports.Events;
using Iom.Application.Ports.Mail;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>A clock whose timers fire at once, moving the clock on by their due time, and which records each wait:
/// retry back-off is observed without sleeping.</summary>
internal sealed class InstantTimers(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> waits = new();
    private long elapsedTicks;

    public IReadOnlyList<TimeSpan> Waits => [.. waits];

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks(Interlocked.Read(ref elapsedTicks));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            waits.Enqueue(dueTime);
            Interlocked.Add(ref elapsedTicks, dueTime.Ticks);

            // Task.Delay(TimeSpan, TimeProvider) is written to cope with a timer that fires inside CreateTimer.
            callback(state);
        }

        return new SpentTimer();
    }

    private sealed class SpentTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A fresh folder under the temp folder, deleted with everything in it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("iom-messaging-tests-").FullName;

    public string[] Files() => Directory.GetFiles(Path);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class Samples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 15, 30, TimeSpan.Zero);

    public static MailMessage Mail(string idempotencyKey = "alert-42:officer-7", string? html = "<p>Sign in to read it.</p>") => new(
        idempotencyKey,
        [new MailAddress("officer@probation.example.gov.uk", "Pat Officer")],
        "A referral needs your vote",
        "Referral REF-1234 needs your vote.\nSign in to read it.",
        html!);

    /// <summary>The prisoner-released example in shared data, as our port would carry it.</summary>
    public static IntegrationEvent PrisonerReleased(string businessKey = "release:A8513EA:2024-10-14") => new(
        "prison-offender-events.prisoner.released",
        1,
        new DateTimeOffset(2024, 10, 14, 15, 9, 54, TimeSpan.FromHours(1)),
        "A prisoner has been released from prison",
        businessKey,
        PersonIdentifiers: [new PersonIdentifier("NOMS", "A8513EA")],
        AdditionalInformation: new Dictionary<string, string>
        {
            ["currentLocation"] = "OUTSIDE_PRISON",
            ["currentPrisonStatus"] = "NOT_UNDER_PRISON_CARE",
            ["details"] = "Movement reason code CR",
            ["nomisMovementReasonCode"] = "CR",
            ["nomsNumber"] = "A8513EA",
            ["prisonId"] = "SWI",
            ["reason"] = "RELEASED",
        });

    public static string DataFile(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", name);
}
