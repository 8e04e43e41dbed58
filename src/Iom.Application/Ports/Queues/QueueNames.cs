namespace Iom.Application.Ports.Queues;

/// <summary>Queue names; each has a "-poison" twin for messages that failed every attempt.</summary>
public static class QueueNames
{
    public const string PoisonSuffix = "-poison";

    public static string PoisonOf(string queueName) => queueName + PoisonSuffix;
}
