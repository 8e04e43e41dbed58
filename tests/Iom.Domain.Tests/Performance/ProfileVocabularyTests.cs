using System.Text.Json;
using Iom.Domain.Calendar;
using Iom.Domain.Cohort;
using Iom.Domain.Performance;
using Iom.Domain.Performance.Facts;
using Iom.Domain.Referrals;
using Iom.Domain.Vocabularies;
using Iom.Domain.Wards;

namespace Iom.Domain.Tests.Performance;

/// <summary>A rollup's gender, ethnicity and ward cells are keyed by codes only: whatever a stored referral holds, no typed text becomes a key.</summary>
public sealed class ProfileVocabularyTests
{
    /// <summary>What free text in a person's details could hold: a spreadsheet formula, markup, a line break, a near miss, a bidirectional override.</summary>
    public static TheoryData<string> Hostile() =>
    [
        "=HYPERLINK(\"http://evil.example\",\"x\")",
        "<script>alert(1)</script>",
        "white-british",
        "W1\r\nW2",
        "male; DROP TABLE",
        "Ma\u202Ele",
        "unknown ",
        "E05000001, Teddington",
        new string('x', 5000),
    ];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static PersonDetails Person(string? gender, string? ethnicity, string? ward) =>
        new("Sam", "Smith", new DateOnly(1990, 1, 1), gender!, ethnicity, null, null, null, null, null, ward);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_rollup_never_has_a_gender_ethnicity_or_ward_key_outside_the_vocabulary_whatever_was_stored(string hostile)
    {
        var facts = new PerformanceFacts();
        var spell = new CohortSpellFact(new DateOnly(2026, 11, 2), null, CohortCategory.Ppo, CohortType.Fixed, []);
        facts.Put(new CohortFact("p1", [spell], PersonProfile.Of(Person(hostile, hostile, hostile))));
        // Made directly too, as a stored fact read back would be: the record itself keeps codes only.
        facts.Put(new CohortFact("p2", [spell], new PersonProfile(null, hostile, hostile, null)));
        facts.Put(new CohortFact("p3", [spell], PersonProfile.Of(Person("Female", "white: irish", "E05000001"))));

        var rollup = RollupCalculator.Compute(ReportingPeriod.Month(2026, 11), new DateOnly(2026, 11, 15), facts,
            new RollupWatermark(new DateTimeOffset(2026, 11, 15, 2, 0, 0, TimeSpan.Zero), null), new WorkingDayCalendar());

        string[] Keys(string breakdown) => [.. rollup.Tables.Where(t => t.Breakdown == breakdown).SelectMany(t => t.Cells).Select(c => c.Key).Distinct()];
        Keys("gender").ShouldNotBeEmpty();
        Keys("gender").ShouldAllBe(key => key == "unknown" || PersonVocabularies.Gender.IsCode(key));
        Keys("ethnicity").ShouldAllBe(key => key == "unknown" || PersonVocabularies.Ethnicity.IsCode(key));
        Keys("ward").ShouldAllBe(key => key == "unknown" || WardList.IsCode(key));
        // The labels stored for the third person count under their codes; the hostile values under unknown.
        Cell(rollup, "gender", "female").ShouldBe(1m);
        Cell(rollup, "gender", "unknown").ShouldBe(2m);
        Cell(rollup, "ethnicity", "W2").ShouldBe(1m);
        Cell(rollup, "ethnicity", "unknown").ShouldBe(2m);
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_profile_read_back_from_json_keeps_codes_only(string hostile)
    {
        var json = JsonSerializer.Serialize(new { dateOfBirth = (string?)null, gender = hostile, ethnicity = hostile, ward = (string?)null });
        var profile = JsonSerializer.Deserialize<PersonProfile>(json, Web)!;

        profile.Gender.ShouldBeNull();
        profile.Ethnicity.ShouldBeNull();
    }

    [Fact]
    public void A_label_stored_before_values_were_codes_counts_as_its_code()
    {
        var profile = PersonProfile.Of(Person("NOT STATED", "Any other White background", null));

        profile.Gender.ShouldBe("not-stated");
        profile.Ethnicity.ShouldBe("W9");
        (profile with { Ward = "E05000001" }).Ethnicity.ShouldBe("W9");
    }

    private static decimal? Cell(Rollup rollup, string breakdown, string key) =>
        rollup.Tables.Single(t => t.Measure == "cohort.size" && t.Breakdown == breakdown).Cells.SingleOrDefault(c => c.Key == key)?.Value;
}
