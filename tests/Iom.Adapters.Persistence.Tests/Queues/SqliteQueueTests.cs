using Iom.Adapters.Persistence.Tests.Servers;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Adapters.Persistence.Tests.Queues;

/// <summary>The queue contract on the embedded SQLite queue, its clock driven by a <see cref="FakeTimeProvider"/>.</summary>
public sealed class SqliteQueueTests : QueueContract, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
    private readonly TemporarySqlite _sqlite;

    public SqliteQueueTests() =>
        _sqlite = new TemporarySqlite((services, configuration) => services.AddSingleton<TimeProvider>(_time).AddSqliteQueue(configuration));

    protected override IQueueSender Sender => _sqlite.Services.GetRequiredService<IQueueSender>();

    protected override IQueueReceiver Receiver => _sqlite.Services.GetRequiredService<IQueueReceiver>();

    protected override Task LetTimePassAsync(TimeSpan time)
    {
        _time.Advance(time);
        return Task.CompletedTask;
    }

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public void The_queue_lives_in_iom_db_in_the_configured_data_directory()
    {
        var file = _sqlite.Services.GetRequiredService<SqliteDatabase>().FilePath;

        file.ShouldBe(Path.Combine(_sqlite.DataDirectory, SqliteOptions.FileName));
        File.Exists(file).ShouldBeTrue();
        Sender.ShouldBeSameAs(Receiver);
    }

    [Fact]
    public async Task A_message_becomes_visible_exactly_when_its_delay_ends()
    {
        var queue = NewQueueName();
        var sentAt = _time.GetUtcNow();
        await Sender.SendAsync(queue, "later", TimeSpan.FromSeconds(5), Token);

        _time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        (await Receiver.ReceiveAsync(queue, 1, Visibility, Token)).ShouldBeEmpty();
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var message = (await Receiver.ReceiveAsync(queue, 1, Visibility, Token)).ShouldHaveSingleItem();

        message.InsertedOn.ShouldBe(sentAt);
    }
}
