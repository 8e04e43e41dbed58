using Iom.Domain.Vocabularies;

namespace Iom.Domain.Tests.Vocabularies;

public sealed class VocabularyTests
{
    [Theory]
    [InlineData("male", "male")]
    [InlineData("MALE", "male")]
    [InlineData("Female", "female")]
    [InlineData(" non-binary ", "non-binary")]
    [InlineData("Not stated", "not-stated")]
    [InlineData("not   STATED", "not-stated")]
    [InlineData("not-stated", "not-stated")]
    public void A_gender_is_written_as_its_code_or_its_label_in_any_case_and_resolves_to_its_code(string written, string code) =>
        PersonVocabularies.Gender.Resolve(written)!.Code.ShouldBe(code);

    [Theory]
    [InlineData("W4", "W4")]
    [InlineData("w4", "W4")]
    [InlineData(" A1 ", "A1")]
    [InlineData("White: Roma", "W4")]
    [InlineData("roma", "W4")]
    [InlineData("Asian or Asian British: Indian", "A1")]
    [InlineData("INDIAN", "A1")]
    [InlineData("White and Black Caribbean", "M1")]
    [InlineData("Caribbean", "B1")]
    [InlineData("English, Welsh, Scottish, Northern Irish or British", "W1")]
    [InlineData("Not stated", "NS")]
    [InlineData("ns", "NS")]
    public void An_ethnicity_is_written_as_its_code_its_label_or_its_census_category_and_resolves_to_its_code(string written, string code) =>
        PersonVocabularies.Ethnicity.Resolve(written)!.Code.ShouldBe(code);

    [Theory]
    [InlineData("M")]
    [InlineData("man")]
    [InlineData("other")]
    [InlineData("White British")]
    [InlineData("Z7")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("")]
    [InlineData(null)]
    public void Free_text_resolves_to_nothing_in_either_vocabulary_rather_than_a_guess(string? written)
    {
        PersonVocabularies.Gender.Resolve(written).ShouldBeNull();
        PersonVocabularies.Ethnicity.Resolve(written).ShouldBeNull();
    }

    [Fact]
    public void Only_the_exact_code_is_a_stored_code()
    {
        PersonVocabularies.Ethnicity.IsCode("W4").ShouldBeTrue();
        PersonVocabularies.Ethnicity.IsCode("w4").ShouldBeFalse();
        PersonVocabularies.Ethnicity.IsCode("White: Roma").ShouldBeFalse();
        PersonVocabularies.Gender.IsCode("male").ShouldBeTrue();
        PersonVocabularies.Gender.IsCode("Male").ShouldBeFalse();
    }

    [Fact]
    public void The_vocabularies_hold_the_recorded_codes_in_the_order_they_are_offered()
    {
        PersonVocabularies.Gender.Codes.ShouldBe(["male", "female", "non-binary", "not-stated"]);
        PersonVocabularies.Ethnicity.Codes.ShouldBe(
            ["A1", "A2", "A3", "A4", "A9", "B1", "B2", "B9", "M1", "M2", "M3", "M9", "O2", "O9", "W1", "W2", "W3", "W4", "W9", "NS"]);
        PersonVocabularies.Ethnicity.LabelOf("W2").ShouldBe("White: Irish");
        PersonVocabularies.Ethnicity.LabelOf("Irish").ShouldBeNull();
    }

    [Fact]
    public void A_vocabulary_in_which_a_code_or_a_name_would_mean_two_values_cannot_be_made()
    {
        Should.Throw<ArgumentException>(() => new Vocabulary("test", [new("a", "Alpha"), new("a", "Another")])).Message.ShouldContain("listed twice");
        Should.Throw<ArgumentException>(() => new Vocabulary("test", [new("a", "Alpha"), new("b", "ALPHA")])).Message.ShouldContain("would name both a and b");
        Should.Throw<ArgumentException>(() => new Vocabulary("test", [new("a", "Alpha"), new("b", "Beta", ["A"])])).Message.ShouldContain("would name both a and b");
    }
}
