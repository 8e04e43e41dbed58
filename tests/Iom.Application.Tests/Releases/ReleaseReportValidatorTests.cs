using Iom.Application.Errors;
using Iom.Application.Releases;
using Iom.Domain.Releases;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Releases;

/// <summary>A reported release is checked field by field, keyed by JSON path, and made a report in canonical form.</summary>
public sealed class ReleaseReportValidatorTests
{
    private readonly ReleaseReportValidator validator =
        new(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

    public static ReleaseReportRequest Valid() => new()
    {
        EventId = "swi-000123",
        PrisonCode = "swi",
        PrisonNumber = " a8513ea ",
        PncId = "12/52494Q",
        GivenName = "Darren",
        FamilyName = "Quenby",
        DateOfBirth = "1994-03-02",
        Reason = "RELEASED_TO_HOSPITAL",
        ReleaseDate = "2027-01-08",
        OccurredAt = "2026-12-14T08:30:00+00:00",
        ReleaseAddress = new ReleaseAddressInput { Line1 = "1 High Street", Town = "Twickenham", Postcode = "tw1 3ab" },
    };

    [Fact]
    public void A_valid_request_becomes_a_report_with_identifiers_and_codes_in_canonical_form()
    {
        var report = validator.ToReport(Valid(), ReleaseSource.Prison);

        report.PrisonCode.ShouldBe("SWI");
        report.PrisonNumber.ShouldBe("A8513EA");
        report.PncId.ShouldBe("2012/0052494Q");
        report.Reason.ShouldBe(ReleaseReason.ReleasedToHospital);
        report.ReleaseDate.ShouldBe(new DateOnly(2027, 1, 8));
        report.OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
        report.ReleaseAddress.ShouldNotBeNull().Postcode.ShouldBe("TW1 3AB");
        report.IsExpected(new DateOnly(2026, 12, 14)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("eventId", "")]
    [InlineData("prisonCode", "SW1")]
    [InlineData("prisonNumber", "12345")]
    [InlineData("pncId", "2012/0052494A")]
    [InlineData("croNumber", "nonsense")]
    [InlineData("givenName", "<script>")]
    [InlineData("familyName", "")]
    [InlineData("dateOfBirth", "2030-01-01")]
    [InlineData("reason", "ESCAPED")]
    [InlineData("releaseDate", "2029-01-01")]
    [InlineData("occurredAt", "2026-12-14T08:30:00")]
    [InlineData("occurredAt", "2026-12-15T08:30:00Z")]
    [InlineData("releaseAddress.postcode", "not a postcode")]
    public void Each_broken_field_is_refused_under_its_own_json_path(string field, string value)
    {
        var request = field switch
        {
            "eventId" => Valid() with { EventId = value },
            "prisonCode" => Valid() with { PrisonCode = value },
            "prisonNumber" => Valid() with { PrisonNumber = value },
            "pncId" => Valid() with { PncId = value },
            "croNumber" => Valid() with { CroNumber = value },
            "givenName" => Valid() with { GivenName = value },
            "familyName" => Valid() with { FamilyName = value },
            "dateOfBirth" => Valid() with { DateOfBirth = value },
            "reason" => Valid() with { Reason = value },
            "releaseDate" => Valid() with { ReleaseDate = value },
            "occurredAt" => Valid() with { OccurredAt = value },
            _ => Valid() with { ReleaseAddress = Valid().ReleaseAddress! with { Postcode = value } },
        };

        var refused = Should.Throw<ValidationFailedException>(() => validator.ToReport(request, ReleaseSource.Prison));

        refused.Errors.Keys.ShouldBe([field]);
    }
}
