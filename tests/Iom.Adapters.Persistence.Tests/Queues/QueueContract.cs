using Iom.Application.Ports.Queues;

namespace Iom.Adapters.Persistence.Tests.Queues;

/// <summary>
/// What every queue adapter does: Azure Storage queue delivery semantics. Each test uses a queue of its own.
/// Time is whole seconds because Azure Storage counts visibility in seconds.
/// </summary>
public abstract class QueueContract
{
    protected static readonly TimeSpan Visibility = TimeSpan.FromSeconds(2);

    protected abstract IQueueSender Sender { get; }

    protected abstract IQueueReceiver Receiver { get; }

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Lets at least <paramref name="time"/> pass for the queue.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan time);

    protected static string NewQueueName() => "test-" + Guid.NewGuid().ToString("N");

    private async Task<ReceivedMessage> ReceiveOneAsync(string queue)
    {
        var messages = await Receiver.ReceiveAsync(queue, 32, Visibility, Token);
        return messages.ShouldHaveSingleItem();
    }

    private async Task ShouldBeEmptyAsync(string queue) =>
        (await Receiver.ReceiveAsync(queue, 32, Visibility, Token)).ShouldBeEmpty();

    [Fact]
    public async Task A_sent_message_is_received_once_with_its_body_and_a_dequeue_count_of_one()
    {
        var queue = NewQueueName();
        const string body = """{"alertId":"a-1","recipient":"zoë@example.org","note":"😀 «Ω» 中文"}""";

        await Sender.SendAsync(queue, body, cancellationToken: Token);
        var message = await ReceiveOneAsync(queue);

        message.Body.ShouldBe(body);
        message.DequeueCount.ShouldBe(1);
        message.MessageId.ShouldNotBeNullOrEmpty();
        message.PopReceipt.ShouldNotBeNullOrEmpty();
        message.InsertedOn.ShouldNotBeNull();
    }

    [Fact]
    public async Task Receive_takes_at_most_the_number_asked_for_and_leaves_the_rest()
    {
        var queue = NewQueueName();
        foreach (var n in Enumerable.Range(1, 3))
        {
            await Sender.SendAsync(queue, $"message {n}", cancellationToken: Token);
        }

        var first = await Receiver.ReceiveAsync(queue, 2, Visibility, Token);
        var rest = await Receiver.ReceiveAsync(queue, 32, Visibility, Token);

        first.Count.ShouldBe(2);
        rest.ShouldHaveSingleItem();
        first.Concat(rest).Select(m => m.Body).ShouldBe(["message 1", "message 2", "message 3"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_received_message_is_hidden_for_its_visibility_timeout_then_redelivered_with_a_higher_dequeue_count()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);
        var first = await ReceiveOneAsync(queue);

        await ShouldBeEmptyAsync(queue);
        await LetTimePassAsync(Visibility);
        var second = await ReceiveOneAsync(queue);

        second.MessageId.ShouldBe(first.MessageId);
        second.Body.ShouldBe("work");
        second.DequeueCount.ShouldBe(2);
        second.PopReceipt.ShouldNotBe(first.PopReceipt);
    }

    [Fact]
    public async Task A_completed_message_is_never_delivered_again()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);

        await Receiver.CompleteAsync(queue, await ReceiveOneAsync(queue), Token);
        await LetTimePassAsync(Visibility);

        await ShouldBeEmptyAsync(queue);
    }

    [Fact]
    public async Task Abandon_with_a_delay_hides_the_message_until_the_delay_passes_and_keeps_its_body_and_dequeue_count()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);
        var first = await ReceiveOneAsync(queue);

        await Receiver.AbandonAsync(queue, first, Visibility, Token);
        await ShouldBeEmptyAsync(queue);
        await LetTimePassAsync(Visibility);
        var again = await ReceiveOneAsync(queue);

        again.MessageId.ShouldBe(first.MessageId);
        again.Body.ShouldBe("work");
        again.DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task Abandon_without_a_delay_makes_the_message_visible_at_once()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);

        await Receiver.AbandonAsync(queue, await ReceiveOneAsync(queue), TimeSpan.Zero, Token);

        (await ReceiveOneAsync(queue)).DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task A_message_sent_with_an_initial_visibility_delay_is_held_back_until_the_delay_passes()
    {
        var queue = NewQueueName();

        await Sender.SendAsync(queue, "later", Visibility, Token);

        await ShouldBeEmptyAsync(queue);
        await LetTimePassAsync(Visibility);
        var message = await ReceiveOneAsync(queue);
        message.Body.ShouldBe("later");
        message.DequeueCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_stale_pop_receipt_cannot_complete_or_abandon_the_message_received_again_since()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);
        var stale = await ReceiveOneAsync(queue);
        await LetTimePassAsync(Visibility);
        var current = await ReceiveOneAsync(queue);

        await Should.ThrowAsync<InvalidOperationException>(() => Receiver.CompleteAsync(queue, stale, Token));
        await Should.ThrowAsync<InvalidOperationException>(() => Receiver.AbandonAsync(queue, stale, TimeSpan.Zero, Token));

        await ShouldBeEmptyAsync(queue);
        await Receiver.CompleteAsync(queue, current, Token);
    }

    [Fact]
    public async Task A_completed_message_cannot_be_completed_again()
    {
        var queue = NewQueueName();
        await Sender.SendAsync(queue, "work", cancellationToken: Token);
        var message = await ReceiveOneAsync(queue);
        await Receiver.CompleteAsync(queue, message, Token);

        await Should.ThrowAsync<InvalidOperationException>(() => Receiver.CompleteAsync(queue, message, Token));
    }
}
