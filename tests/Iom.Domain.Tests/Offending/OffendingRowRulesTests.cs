using Iom.Domain.Offending;

namespace Iom.Domain.Tests.Offending;

public sealed class OffendingRowRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly OffendingRow Good = new("2012/0052494Q", "2026-01-10", "2026-03-01", "conviction", "burglary", "POL-2026-000123");

    private static IReadOnlyList<RowError> ErrorsOf(OffendingRow row)
    {
        OffendingRowRules.Validate(row, Today, out var errors);
        return errors;
    }

    [Fact]
    public void A_good_row_becomes_a_record_with_its_canonical_values()
    {
        var record = OffendingRowRules.Validate(Good, Today, out var errors);

        errors.ShouldBeEmpty();
        record.ShouldNotBeNull();
        record.PncId.ToString().ShouldBe("2012/0052494Q");
        record.OffenceDate.ShouldBe(new DateOnly(2026, 1, 10));
        record.Outcome.ShouldBe(OffenceOutcome.Conviction);
        record.OffenceType.ShouldBe(OffenceGroup.Burglary);
        record.Fingerprint.ShouldBe("2012/0052494Q|2026-01-10|2026-03-01|conviction|burglary");
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("12/52494Q", "format")] // a short form: accepted from people, not from a system
    [InlineData("2012/0052494q", "format")]
    [InlineData(" 2012/0052494Q", "format")]
    [InlineData("2012/0052494X", "check-letter")]
    [InlineData("2027/0052494Q", "format")] // a year after this one
    [InlineData("1899/0052494Q", "format")]
    public void A_PNC_ID_must_be_canonical_with_the_right_check_letter(string? pnc, string code) =>
        ErrorsOf(Good with { PncId = pnc }).ShouldBe([ErrorOf("pncId", code)], ignoreOrder: false, customMessage: null, comparer: FieldAndCode.Instance);

    [Theory]
    [InlineData(null, "required")]
    [InlineData("10/01/2026", "format")]
    [InlineData("2026-02-30", "format")]
    [InlineData("2026-1-10", "format")]
    [InlineData("2026-12-03", "future")]
    public void An_offence_date_must_be_a_real_ISO_date_not_in_the_future(string? date, string code) =>
        ErrorsOf(Good with { OffenceDate = date, OutcomeDate = "2026-12-02" }).ShouldBe([ErrorOf("offenceDate", code)], ignoreOrder: false, customMessage: null, comparer: FieldAndCode.Instance);

    [Theory]
    [InlineData("2026-12-03", "future")]
    [InlineData("2026-01-09", "before-offence")]
    [InlineData("", "required")]
    public void An_outcome_date_must_not_be_in_the_future_nor_before_the_offence(string date, string code) =>
        ErrorsOf(Good with { OutcomeDate = date }).ShouldBe([ErrorOf("outcomeDate", code)], ignoreOrder: false, customMessage: null, comparer: FieldAndCode.Instance);

    [Fact]
    public void An_outcome_on_the_day_of_the_offence_and_today_are_both_allowed() =>
        ErrorsOf(Good with { OffenceDate = "2026-12-02", OutcomeDate = "2026-12-02" }).ShouldBeEmpty();

    [Theory]
    [InlineData("Conviction")]
    [InlineData("charge")]
    [InlineData("1")]
    public void The_outcome_is_a_conviction_or_a_caution(string outcome) =>
        ErrorsOf(Good with { Outcome = outcome }).ShouldBe([ErrorOf("outcome", "not-allowed")], ignoreOrder: false, customMessage: null, comparer: FieldAndCode.Instance);

    [Fact]
    public void The_offence_type_comes_from_the_documented_list()
    {
        ErrorsOf(Good with { OffenceType = "theft-from-the-person" }).ShouldBeEmpty();
        var error = ErrorsOf(Good with { OffenceType = "stole a bike from John Smith" }).Single();
        error.Code.ShouldBe("not-allowed");
        error.Message.ShouldContain("violence, sexual, robbery, burglary");
        error.Message.ShouldNotContain("John");
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("<script>alert(1)</script>", "format")]
    [InlineData("ref with spaces", "format")]
    [InlineData("-starts-with-dash", "format")]
    [InlineData("ref\u202Egnp", "format")]
    public void The_source_reference_is_required_and_plain(string? sourceRef, string code) =>
        ErrorsOf(Good with { SourceRef = sourceRef }).ShouldBe([ErrorOf("sourceRef", code)], ignoreOrder: false, customMessage: null, comparer: FieldAndCode.Instance);

    [Fact]
    public void The_source_reference_is_at_most_64_characters()
    {
        ErrorsOf(Good with { SourceRef = new string('a', 64) }).ShouldBeEmpty();
        ErrorsOf(Good with { SourceRef = new string('a', 65) }).Single().Code.ShouldBe("too-long");
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_reported_and_no_message_repeats_what_was_sent()
    {
        var hostile = "<img src=x onerror=alert(1)>";
        var errors = ErrorsOf(new OffendingRow(hostile, hostile, hostile, hostile, hostile, hostile));

        errors.Select(e => e.Field).ShouldBe(["pncId", "offenceDate", "outcomeDate", "outcome", "offenceType", "sourceRef"]);
        errors.ShouldAllBe(e => !e.Message.Contains("img", StringComparison.Ordinal));
    }

    private static RowError ErrorOf(string field, string code) => new(field, code, string.Empty);

    private sealed class FieldAndCode : IEqualityComparer<RowError>
    {
        public static readonly FieldAndCode Instance = new();

        public bool Equals(RowError? x, RowError? y) => x?.Field == y?.Field && x?.Code == y?.Code;

        public int GetHashCode(RowError obj) => HashCode.Combine(obj.Field, obj.Code);
    }
}
