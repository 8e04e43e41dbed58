using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iom.Application.Errors;
using Iom.Application.Releases;
using Iom.Application.Releases.National;
using Iom.Domain.Releases;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Releases;

/// <summary>An HMPPS domain event as published becomes the same report as the prison's own JSON notification would.</summary>
public sealed class NationalEventMappingTests
{
    /// <summary>The example as HMPPS publishes it (../shared/data/prisoner-released.example.json).</summary>
    public const string Example = """
        {
          "additionalInformation": {
            "currentLocation": "OUTSIDE_PRISON",
            "currentPrisonStatus": "NOT_UNDER_PRISON_CARE",
            "details": "Movement reason code CR",
            "nomisMovementReasonCode": "CR",
            "nomsNumber": "A8513EA",
            "prisonId": "SWI",
            "reason": "RELEASED"
          },
          "description": "A prisoner has been released from prison",
          "eventType": "prison-offender-events.prisoner.released",
          "occurredAt": "2024-10-14T15:09:54+01:00",
          "personReference": {
            "identifiers": [
              {
                "type": "NOMS",
                "value": "A8513EA"
              }
            ]
          },
          "publishedAt": "2024-10-14T15:10:54.742536797+01:00",
          "version": 1
        }
        """;

    private static readonly DateTimeOffset ExampleNow = DateTimeOffset.Parse("2024-10-14T15:11:00+01:00", CultureInfo.InvariantCulture);

    private static ReleaseReport Map(string json) =>
        NationalEventMapping.ToReport(JsonDocument.Parse(json).RootElement, DateOnly.FromDateTime(ExampleNow.UtcDateTime));

    private static string With(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(Example)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void The_national_example_maps_to_the_same_report_fields_as_the_equivalent_json_notification()
    {
        var national = Map(Example);
        var prison = new ReleaseReportValidator(new FakeTimeProvider(ExampleNow)).ToReport(new ReleaseReportRequest
        {
            EventId = "swi-000123",
            PrisonCode = "swi",
            PrisonNumber = "a8513ea",
            GivenName = "Darren",
            FamilyName = "Quenby",
            DateOfBirth = "1994-03-02",
            Reason = "RELEASED",
            ReleaseDate = "2024-10-14",
            OccurredAt = "2024-10-14T15:09:54+01:00",
        }, ReleaseSource.Prison);

        national.Source.ShouldBe(ReleaseSource.National);
        (national.Reason, national.PrisonNumber, national.PrisonCode, national.OccurredAt, national.ReleaseDate)
            .ShouldBe((prison.Reason, prison.PrisonNumber, prison.PrisonCode, prison.OccurredAt, prison.ReleaseDate));
        national.ReleaseDate.ShouldBe(new DateOnly(2024, 10, 14));
        national.Notes.ShouldBe("NOMIS movement reason code CR");
        // Identifiers only: nothing about who the person is comes from a national event.
        (national.GivenName, national.FamilyName, national.DateOfBirth, national.ReleaseAddress).ShouldBe((null, null, null, null));
    }

    [Fact]
    public void The_release_date_is_the_london_date_of_when_it_occurred_not_the_utc_date()
    {
        // 00:30 in London on 15 October (BST) is still 14 October in UTC.
        Map(With(e => e["occurredAt"] = "2024-10-14T23:30:00Z")).ReleaseDate.ShouldBe(new DateOnly(2024, 10, 15));
    }

    [Fact]
    public void The_same_event_published_twice_even_with_another_offset_has_one_event_id_and_another_event_has_another()
    {
        var first = Map(Example);

        Map(Example).EventId.ShouldBe(first.EventId);
        Map(With(e => e["occurredAt"] = "2024-10-14T14:09:54Z")).EventId.ShouldBe(first.EventId);
        Map(With(e => e["publishedAt"] = "2024-10-14T16:00:00+01:00")).EventId.ShouldBe(first.EventId);
        Map(With(e => e["additionalInformation"]!["reason"] = "RELEASED_TO_HOSPITAL")).EventId.ShouldNotBe(first.EventId);
        Map(With(e => e["occurredAt"] = "2024-10-14T15:09:55+01:00")).EventId.ShouldNotBe(first.EventId);
        ReleaseNotifications.IdFor(Map(Example)).ShouldBe(ReleaseNotifications.IdFor(first));
    }

    [Fact]
    public void Pnc_and_cro_identifiers_are_taken_in_canonical_form_and_one_that_does_not_parse_is_left_out()
    {
        var report = Map(With(e => e["personReference"]!["identifiers"] = new JsonArray(
            new JsonObject { ["type"] = "NOMS", ["value"] = "A8513EA" },
            new JsonObject { ["type"] = "PNC", ["value"] = "2012/52494Q" },
            new JsonObject { ["type"] = "CRO", ["value"] = "not a cro" })));

        report.PncId.ShouldBe("2012/0052494Q");
        report.CroNumber.ShouldBeNull();
    }

    [Theory]
    [InlineData("additionalInformation.nomsNumber", "additionalInformation", "nomsNumber", "not-a-number")]
    [InlineData("additionalInformation.prisonId", "additionalInformation", "prisonId", "SWINDON")]
    [InlineData("additionalInformation.reason", "additionalInformation", "reason", "ESCAPED")]
    [InlineData("occurredAt", null, "occurredAt", "2024-10-14T15:09:54")]
    public void A_release_event_without_what_it_must_carry_is_refused_naming_the_field(string field, string? parent, string member, string value)
    {
        var json = With(e => (parent is null ? e : e[parent]!.AsObject())[member] = value);

        Should.Throw<ValidationFailedException>(() => Map(json)).Errors.Keys.ShouldContain(field);
    }

    [Fact]
    public void A_noms_identifier_that_contradicts_the_events_prison_number_is_refused()
    {
        var json = With(e => e["personReference"]!["identifiers"]![0]!["value"] = "A1234BC");

        Should.Throw<ValidationFailedException>(() => Map(json)).Errors.Keys.ShouldContain("personReference.identifiers[0].value");
    }

    [Fact]
    public void A_merge_event_names_the_removed_number_as_old_and_the_kept_one_as_new()
    {
        var merge = NationalEventMapping.ToMerge(JsonDocument.Parse("""
            {"eventType":"prison-offender-events.prisoner.merged","version":1,"occurredAt":"2024-10-14T15:09:54+01:00",
             "additionalInformation":{"nomsNumber":"a8513ea","removedNomsNumber":"A1234BC","reason":"MERGE"}}
            """).RootElement);

        merge.ShouldBe(new PrisonNumberMerged("A1234BC", "A8513EA", DateTimeOffset.Parse("2024-10-14T15:09:54+01:00", CultureInfo.InvariantCulture)));
    }
}
