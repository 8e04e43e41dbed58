using Iom.Domain.Identifiers;

namespace Iom.Domain.Tests.Identifiers;

public sealed class CroNumberTests
{
    private static (bool Valid, string Canonical, string Error) Parse(string? input)
    {
        var valid = CroNumber.TryParse(input, out var cro, out var error);
        return (valid, cro.ToString(), error);
    }

    [Fact]
    public void A_standard_serial_is_padded_to_six_digits_before_the_check()
    {
        Parse("65656/91H").ShouldBe((true, "065656/91H", ""));
        Parse("1/00A").ShouldBe((true, "000001/00A", ""));
        Parse("50058/83B").ShouldBe((true, "050058/83B", ""));
        Parse("50058/83Z").ShouldBe((false, "", "The CRO number check letter is wrong"));
    }

    [Fact]
    public void An_sf_serial_is_checked_and_kept_exactly_as_written_so_leading_zeros_change_the_letter()
    {
        Parse("SF83/50058Z").ShouldBe((true, "SF83/50058Z", ""));
        Parse("SF83/050058B").ShouldBe((true, "SF83/050058B", ""));
        Parse("SF83/050058Z").ShouldBe((false, "", "The CRO number check letter is wrong"));
        Parse("SF05/482703J").ShouldBe((true, "SF05/482703J", ""));
    }

    [Fact]
    public void Lower_case_is_accepted_where_upstream_refuses_it()
    {
        Parse("sf05/482703j").ShouldBe((true, "SF05/482703J", ""));
        Parse(" 65656/91h ").ShouldBe((true, "065656/91H", ""));
    }

    [Fact]
    public void Each_kind_of_mistake_gets_its_own_message()
    {
        Parse(null).Error.ShouldBe("Enter a CRO number");
        Parse(" ").Error.ShouldBe("Enter a CRO number");
        Parse("65656-91H").Error.ShouldBe("A CRO number must be in the format NNNNNN/YYC or SFYY/NNNNNNC");
        Parse("SF5/482703J").Error.ShouldBe("A CRO number must be in the format NNNNNN/YYC or SFYY/NNNNNNC");
        Parse("1234567/65A").Error.ShouldBe("The CRO number serial number must be 6 digits or fewer");
        Parse("SF83/0123456D").Error.ShouldBe("The CRO number serial number must be 6 digits or fewer");
        Parse("85227/65G").Error.ShouldBe("The CRO number check letter is wrong");
    }

    [Fact]
    public void The_same_number_typed_differently_is_equal()
    {
        CroNumber.TryParse("65656/91H", out var a, out _).ShouldBeTrue();
        CroNumber.TryParse("065656/91h", out var b, out _).ShouldBeTrue();

        a.ShouldBe(b);
    }
}
