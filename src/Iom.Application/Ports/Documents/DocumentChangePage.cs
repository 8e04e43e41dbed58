namespace Iom.Application.Ports.Documents;

/// <summary>
/// One read of <see cref="IDocumentChangeFeed"/>. <see cref="Position"/> is never null: store it (it is a short
/// URL-safe string) and pass it as the next read's <c>after</c>, also when the page was empty.
/// </summary>
/// <param name="MoreWaiting">True: read again now, more may be waiting. False: the feed was caught up when read.</param>
public sealed record DocumentChangePage(IReadOnlyList<DocumentChange> Changes, string Position, bool MoreWaiting)
{
    public const int MaxItems = 1000;
}
