using Iom.Domain.Identifiers;

namespace Iom.Domain.Tests.Identifiers;

public sealed class PrisonNumberTests
{
    [Fact]
    public void A_prison_number_is_trimmed_and_upper_cased()
    {
        PrisonNumber.TryParse(" a1234bc ", out var number, out var error).ShouldBeTrue();

        number.ToString().ShouldBe("A1234BC");
        error.ShouldBeEmpty();
        PrisonNumber.TryParse("A1234BC", out var same, out _).ShouldBeTrue();
        number.ShouldBe(same);
    }

    [Theory]
    [InlineData(null, "Enter a prison number")]
    [InlineData("", "Enter a prison number")]
    [InlineData("A1234B", "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC")]
    [InlineData("A12345BC", "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC")]
    [InlineData("11234BC", "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC")]
    [InlineData("A 1234BC", "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC")]
    [InlineData("A12\n34BC", "A prison number must be 1 letter, 4 numbers and 2 letters, like A1234BC")]
    public void A_malformed_prison_number_is_refused_with_a_message(string? input, string message)
    {
        PrisonNumber.TryParse(input, out var number, out var error).ShouldBe(false, input);

        number.ShouldBe(default);
        error.ShouldBe(message);
    }
}

public sealed class CaseReferenceNumberTests
{
    [Fact]
    public void A_crn_is_trimmed_and_upper_cased()
    {
        CaseReferenceNumber.TryParse("x123456 ", out var crn, out var error).ShouldBeTrue();

        crn.ToString().ShouldBe("X123456");
        error.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null, "Enter a case reference number (CRN)")]
    [InlineData("  ", "Enter a case reference number (CRN)")]
    [InlineData("X12345", "A case reference number (CRN) must be 1 letter followed by 6 numbers")]
    [InlineData("X1234567", "A case reference number (CRN) must be 1 letter followed by 6 numbers")]
    [InlineData("XX23456", "A case reference number (CRN) must be 1 letter followed by 6 numbers")]
    [InlineData("X12345６", "A case reference number (CRN) must be 1 letter followed by 6 numbers")]
    public void A_malformed_crn_is_refused_with_a_message(string? input, string message)
    {
        CaseReferenceNumber.TryParse(input, out _, out var error).ShouldBeFalse();

        error.ShouldBe(message);
    }
}

public sealed class PostcodeTests
{
    [Theory]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("  Sw1A   1aA ", "SW1A 1AA")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B338TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN551PT", "DN55 1PT")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("tw9 1dn", "TW9 1DN")]
    public void Every_outward_code_shape_is_accepted_and_written_with_one_space(string input, string canonical)
    {
        Postcode.TryParse(input, out var postcode, out var error).ShouldBeTrue();

        postcode.ToString().ShouldBe(canonical);
        error.ShouldBeEmpty();
    }

    [Fact]
    public void The_outward_and_inward_codes_are_either_side_of_the_space()
    {
        Postcode.TryParse("dn551pt", out var postcode, out _).ShouldBeTrue();

        postcode.OutwardCode.ShouldBe("DN55");
        postcode.InwardCode.ShouldBe("1PT");
    }

    [Theory]
    [InlineData(null, "Enter a postcode")]
    [InlineData("   ", "Enter a postcode")]
    [InlineData("SW1A", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("SW1A 1A", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("SW1A-1AA", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("1W1A 1AA", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("SWW1 1AA", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("SW1A 11A", "Enter a full UK postcode, like SW1A 1AA")]
    [InlineData("GIR 0AA", "Enter a full UK postcode, like SW1A 1AA")]
    public void A_malformed_postcode_is_refused_with_a_message(string? input, string message)
    {
        Postcode.TryParse(input, out var postcode, out var error).ShouldBeFalse();

        postcode.ShouldBe(default);
        error.ShouldBe(message);
    }
}
