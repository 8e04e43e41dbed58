namespace Iom.Domain.Releases;

/// <summary>
/// Something applying an event to a custody record asks of the world: the domain says what, the application commits
/// each as an outbox entry with the record.
/// </summary>
public abstract record CustodyEffect;
