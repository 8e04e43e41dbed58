using System.ComponentModel.DataAnnotations;

namespace Iom.Adapters.ServiceBus;

/// <summary>Configuration section "ServiceBus": where integration events are published, and the namespace of the national
/// events queue (<see cref="NationalEventQueueOptions"/>). Give exactly one of
/// <see cref="FullyQualifiedNamespace"/> (managed identity; Azure) or <see cref="ConnectionString"/>.</summary>
public sealed class ServiceBusPublisherOptions : IValidatableObject
{
    public const string SectionName = "ServiceBus";

    /// <summary>e.g. iom-prod-sb.servicebus.windows.net, reached with the app's managed identity.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>A shared-access connection string, for places without a managed identity.</summary>
    public string? ConnectionString { get; set; }

    [Required(AllowEmptyStrings = false)]
    public string TopicName { get; set; } = "iom-events";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(FullyQualifiedNamespace) == string.IsNullOrEmpty(ConnectionString))
        {
            yield return new ValidationResult(
                "Set exactly one of ServiceBus:FullyQualifiedNamespace and ServiceBus:ConnectionString.",
                [nameof(FullyQualifiedNamespace), nameof(ConnectionString)]);
        }
    }
}
