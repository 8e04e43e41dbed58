namespace Iom.Application.Releases.Alerts;

/// <summary>The alert stage's own queue; its integration event goes through the cohort events' publisher (<see cref="Cohort.CohortQueues.Events"/>).</summary>
public static class ReleaseAlertQueues
{
    /// <summary>An alert whose lead professional must acknowledge in time (<see cref="ReleaseAlertEscalationDue"/>): record when.</summary>
    public const string Escalations = "release-alert-escalations";
}
