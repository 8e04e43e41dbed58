using Iom.Domain.Identifiers;

namespace Iom.Domain.Tests.Identifiers;

public sealed class PncIdTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static (bool Valid, string Canonical, string Error) Parse(string? input, DateOnly? today = null)
    {
        var valid = PncId.TryParse(input, today ?? Today, out var pnc, out var error);
        return (valid, pnc.ToString(), error);
    }

    [Fact]
    public void The_domain_example_is_valid_and_a_different_check_letter_is_wrong()
    {
        Parse("2012/0052494Q").ShouldBe((true, "2012/0052494Q", ""));
        Parse("2012/0052494X").ShouldBe((false, "", "The PNC ID check letter is wrong"));
    }

    [Fact]
    public void Short_forms_are_padded_to_a_seven_digit_serial_and_a_four_digit_year()
    {
        Parse("79/123456T").Canonical.ShouldBe("1979/0123456T");
        Parse("79/163001B").Canonical.ShouldBe("1979/0163001B");
        Parse("02/73319Z").Canonical.ShouldBe("2002/0073319Z");
        Parse("0273319Z").Canonical.ShouldBe("2002/0073319Z");
    }

    [Fact]
    public void A_two_digit_year_up_to_this_year_is_this_century_and_above_it_the_last()
    {
        Parse("26/1W", new DateOnly(2026, 1, 1)).Canonical.ShouldBe("2026/0000001W");
        Parse("26/1W", new DateOnly(2025, 12, 31)).Canonical.ShouldBe("1926/0000001W");
        Parse("27/1234567F", new DateOnly(2026, 12, 31)).Canonical.ShouldBe("1927/1234567F");
        Parse("27/1234567F", new DateOnly(2027, 1, 1)).Canonical.ShouldBe("2027/1234567F");
    }

    [Fact]
    public void Long_and_short_forms_of_one_id_are_equal()
    {
        PncId.TryParse("19790163001B", Today, out var longForm, out _).ShouldBeTrue();
        PncId.TryParse("79/163001b", Today, out var shortForm, out _).ShouldBeTrue();

        longForm.ShouldBe(shortForm);
        longForm.GetHashCode().ShouldBe(shortForm.GetHashCode());
    }

    [Fact]
    public void Each_kind_of_mistake_gets_its_own_message()
    {
        Parse("").Error.ShouldBe("Enter a PNC ID");
        Parse("   ").Error.ShouldBe("Enter a PNC ID");
        Parse(null).Error.ShouldBe("Enter a PNC ID");
        Parse("TOTALLYINVALID").Error.ShouldBe("A PNC ID must be a year, a slash, a serial number and a check letter, in the format YYYY/NNNNNNNC");
        Parse("1923/1234567AA").Error.ShouldBe("A PNC ID must be a year, a slash, a serial number and a check letter, in the format YYYY/NNNNNNNC");
        Parse("79/16300123B").Error.ShouldBe("The PNC ID serial number must be 7 digits or fewer");
        Parse("2027/0000001A").Error.ShouldBe("The PNC ID year must be between 1900 and 2026");
        Parse("2001/0171310S").Error.ShouldBe("The PNC ID check letter is wrong");
    }

    [Fact]
    public void Lower_case_and_surrounding_spaces_are_accepted_where_upstream_refuses_them()
    {
        Parse("81/34u").ShouldBe((true, "1981/0000034U", ""));
        Parse(" 81/34U").ShouldBe((true, "1981/0000034U", ""));
        Parse("\t2012/0052494q\u00A0").ShouldBe((true, "2012/0052494Q", ""));
    }

    [Fact]
    public void Look_alike_unicode_letters_and_digits_are_refused_rather_than_folded_to_ascii()
    {
        Parse("2012/0052494Ｑ").Valid.ShouldBeFalse(); // full-width Q
        Parse("2012/００52494Q").Valid.ShouldBeFalse(); // full-width digits match .NET's \d but not [0-9]
    }

    [Fact]
    public void A_slash_inside_the_year_is_refused_where_upstream_simply_deletes_it()
    {
        Parse("81/34U").Valid.ShouldBeTrue();
        Parse("813/4U").ShouldBe((false, "", "A PNC ID must be a year, a slash, a serial number and a check letter, in the format YYYY/NNNNNNNC"));
    }

    [Fact]
    public void A_four_digit_year_before_the_slash_is_a_year_where_upstream_reads_the_first_two_digits_as_YY()
    {
        // Upstream turns 2002/73319P into 2020/0273319P; the writer meant 2002/0073319, whose letter is Z.
        Parse("2002/73319P").ShouldBe((false, "", "The PNC ID check letter is wrong"));
        Parse("2002/73319Z").ShouldBe((true, "2002/0073319Z", ""));
    }

    [Fact]
    public void Ten_digits_without_a_slash_are_refused_where_upstream_makes_an_eight_digit_serial_or_overflows()
    {
        // Upstream: 1912345678F -> "2019/12345678F" (13 characters, yet valid); 7912345678L -> NumberFormatException.
        Parse("1912345678F").ShouldBe((false, "", "A PNC ID must be a year, a slash, a serial number and a check letter, in the format YYYY/NNNNNNNC"));
        Parse("7912345678L").Valid.ShouldBeFalse();
        Parse("99/9999999999999999999Z").ShouldBe((false, "", "The PNC ID serial number must be 7 digits or fewer"));
    }

    [Fact]
    public void A_long_form_year_in_the_future_is_refused_where_upstream_ignores_the_century()
    {
        // The check letter covers only the last two year digits, so upstream accepts 1979/… and 2079/… alike.
        Parse("1979/0163001B").Valid.ShouldBeTrue();
        Parse("2079/0163001B").ShouldBe((false, "", "The PNC ID year must be between 1900 and 2026"));
    }

    [Fact]
    public void A_long_form_year_before_1900_is_refused_where_upstream_accepts_any_four_digits()
    {
        Parse("0079/0163001B").ShouldBe((false, "", "The PNC ID year must be between 1900 and 2026"));
        Parse("1879/0163001B").Valid.ShouldBeFalse();
    }

    [Fact]
    public void Invalid_input_is_refused_with_a_message_instead_of_becoming_an_empty_id_equal_to_every_other_invalid_one()
    {
        // Upstream returns "" for both, and from("invalid") == from("garbage"). Here there is no value to compare.
        PncId.TryParse("invalid", Today, out var first, out var firstError).ShouldBeFalse();
        PncId.TryParse("garbage", Today, out var second, out var secondError).ShouldBeFalse();

        firstError.ShouldNotBeEmpty();
        secondError.ShouldNotBeEmpty();
        first.ShouldBe(default);
        second.ShouldBe(default);
    }
}
