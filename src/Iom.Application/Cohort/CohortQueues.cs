namespace Iom.Application.Cohort;

public static class CohortQueues
{
    /// <summary>Cohort integration events to publish (an <see cref="Ports.Events.IntegrationEvent"/>); sent only from the outbox entry committed with the change.</summary>
    public const string Events = "cohort-events";
}
