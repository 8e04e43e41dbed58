using System.Text.Json;
using System.Text.Json.Serialization;
using Iom.Domain.Referrals;

namespace Iom.Domain.Tests.Referrals;

public sealed class ReferralEnumsTests
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    [Fact]
    public void Enum_values_are_written_as_the_kebab_case_names_the_api_documents()
    {
        JsonSerializer.Serialize(RiskOfSeriousHarm.VeryHigh, Json).ShouldBe("\"very-high\"");
        JsonSerializer.Serialize(ReferralStatus.AwaitingMeeting, Json).ShouldBe("\"awaiting-meeting\"");
        JsonSerializer.Serialize(PanelCode.StrategicGroup, Json).ShouldBe("\"strategic-group\"");
        JsonSerializer.Serialize(ReferralType.Asb, Json).ShouldBe("\"asb\"");
        JsonSerializer.Serialize(WithdrawalReason.OtherAgencyLeads, Json).ShouldBe("\"other-agency-leads\"");
        JsonSerializer.Deserialize<RiskOfSeriousHarm>("\"very-high\"", Json).ShouldBe(RiskOfSeriousHarm.VeryHigh);
    }

    [Fact]
    public void The_enumerations_hold_exactly_the_values_of_the_referral_api()
    {
        Enum.GetNames<ReferralType>().ShouldBe(["Iom", "Asb", "Dyo"]);
        Enum.GetNames<RiskOfSeriousHarm>().ShouldBe(["Low", "Medium", "High", "VeryHigh"]);
        Enum.GetNames<PanelCode>().ShouldBe(["Iom", "Asb", "Dyo", "StrategicGroup"]);
        Enum.GetNames<ReferralStatus>().ShouldBe(["Listed", "AwaitingMeeting", "Selected", "Declined", "Deferred", "Withdrawn"]);
        Enum.GetNames<WithdrawalReason>().ShouldBe(["NoLongerMeetsCriteria", "PersonInCustody", "PersonMovedAway", "PersonDied", "ReferredInError", "OtherAgencyLeads", "Other"]);
    }
}
