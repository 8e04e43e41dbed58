using System.Text.Json;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Domain.Tests.Referrals;

public sealed class ReferralEnumsTests
{
    [Fact]
    public void Every_wire_name_is_the_kebab_case_name_stored_documents_were_always_written_with()
    {
        // Before wire names were declared, the JSON converter derived them with this policy; stored data still uses them.
        Check<ReferralType>();
        Check<RiskOfSeriousHarm>();
        Check<PanelCode>();
        Check<ReferralStatus>();
        Check<WithdrawalReason>();
        WireNames.Of(RiskOfSeriousHarm.VeryHigh).ShouldBe("very-high");
        WireNames.Of(PanelCode.StrategicGroup).ShouldBe("strategic-group");

        static void Check<T>() where T : struct, Enum =>
            WireNames.All<T>().ShouldBe(Enum.GetValues<T>().Select(v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString())));
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
