using System.Text.Json.Nodes;
using Iom.Application.Ports.Events;
using Json.Schema;

namespace Iom.Adapters.Messaging.Tests;

/// <summary>The one HMPPS domain-event body both publishers write, checked against HMPPS's envelope schema and example.</summary>
public sealed class DomainEventJsonTests
{
    private static readonly JsonSchema Envelope = LoadEnvelope();

    [Fact]
    public void The_prisoner_released_event_serialises_to_the_HMPPS_example_apart_from_the_publisher_s_publishedAt()
    {
        var expected = JsonNode.Parse(File.ReadAllText(Samples.DataFile("prisoner-released.example.json")))!.AsObject();
        expected.Remove("publishedAt");

        var actual = JsonNode.Parse(DomainEventJson.Serialize(Samples.PrisonerReleased()));

        JsonNode.DeepEquals(actual, expected).ShouldBeTrue(actual!.ToJsonString());
    }

    [Fact]
    public void A_full_event_is_valid_against_the_HMPPS_envelope_schema_with_every_field_in_place()
    {
        var full = Samples.PrisonerReleased() with { DetailUrl = new Uri("https://iom.example.gov.uk/api/people/IOM-123/releases/9") };

        var body = JsonNode.Parse(DomainEventJson.Serialize(full))!;

        ShouldBeValid(body);
        body["detailUrl"]!.GetValue<string>().ShouldBe("https://iom.example.gov.uk/api/people/IOM-123/releases/9");
        body["occurredAt"]!.GetValue<string>().ShouldBe("2024-10-14T15:09:54+01:00");
        body["version"]!.GetValue<int>().ShouldBe(1);
    }

    [Fact]
    public void A_bare_event_leaves_out_the_optional_fields_and_is_still_valid()
    {
        var bare = new IntegrationEvent("iom.person.added-to-cohort", 2, Samples.Now, "A person joined an IOM cohort", "cohort:IOM-1:2026-11");

        var body = JsonNode.Parse(DomainEventJson.Serialize(bare))!.AsObject();

        ShouldBeValid(body);
        body.Select(property => property.Key).ShouldBe(["eventType", "version", "occurredAt", "description"], ignoreOrder: true);
    }

    [Fact]
    public void The_schema_check_does_refuse_a_body_without_occurredAt_or_with_an_identifier_without_a_value()
    {
        var withoutOccurredAt = JsonNode.Parse(DomainEventJson.Serialize(Samples.PrisonerReleased()))!.AsObject();
        withoutOccurredAt.Remove("occurredAt");
        var identifierWithoutValue = JsonNode.Parse(DomainEventJson.Serialize(Samples.PrisonerReleased()))!.AsObject();
        identifierWithoutValue["personReference"]!["identifiers"]![0]!.AsObject().Remove("value");

        Envelope.Evaluate(withoutOccurredAt).IsValid.ShouldBeFalse();
        Envelope.Evaluate(identifierWithoutValue).IsValid.ShouldBeFalse();
    }

    /// <summary>The file names the old "latest draft" meta-schema (http://json-schema.org/schema#), which the validator
    /// cannot resolve; it uses $defs, so it is read as draft 2020-12.</summary>
    private static JsonSchema LoadEnvelope()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Samples.DataFile("hmpps-domain-event.schema.json")))!.AsObject();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return JsonSchema.FromText(schema.ToJsonString());
    }

    internal static void ShouldBeValid(JsonNode body)
    {
        var result = Envelope.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue(string.Join("; ", result.Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
