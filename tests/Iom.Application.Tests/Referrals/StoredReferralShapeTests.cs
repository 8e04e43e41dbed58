using System.Text.Json;
using Iom.Adapters.Sqlite;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;

namespace Iom.Application.Tests.Referrals;

/// <summary>
/// The referral moved from the application layer into the domain; documents already stored must read as before and be
/// written back byte for byte the same, under the same kind.
/// </summary>
public sealed class StoredReferralShapeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string PersonId = "0123456789abcdef0123456789abcdef";
    private const string ReferralId = "fedcba9876543210fedcba9876543210";

    // A withdrawn referral exactly as the application wrote it before the move (compact, nulls left out).
    private static readonly string StoredBefore = """
        {"id":"fedcba9876543210fedcba9876543210","personId":"0123456789abcdef0123456789abcdef","reference":"IOM-261214-7K3M",
        "referralType":"dyo","panel":"iom","status":"withdrawn","meetingDate":"2027-01-12","person":{"givenName":"Sam",
        "familyName":"Smith","dateOfBirth":"1990-01-01","gender":"male","ethnicity":"W1","pncId":"2012/0052494Q",
        "postcode":"TW9 1AA"},"reason":"Burglaries in the ward","offenceTypes":["burglary","other-theft"],
        "drivers":["drugs"],"riskOfSeriousHarm":"very-high","mappaLevel":1,"maracCase":false,"ogrsScore":81,
        "statutory":true,"emergency":false,"referrer":{"name":"Pat Jones","email":"pat.jones@met.police.uk"},
        "referringAgency":"police","submittedBy":"user-1","submittedAt":"2026-12-14T10:00:00+00:00",
        "decidedBy":{"rule":"adult-dyo-to-iom","inputs":{"age":"36","referralType":"dyo"},"panel":"iom"},
        "matchKeys":["pnc:2012/0052494Q","name-dob:SMITH|SAM|1990-01-01"],"history":[{"from":"awaiting-meeting",
        "to":"listed","at":"2026-12-20T09:00:00+00:00","byUserId":"system:referral-listing","reason":"meeting 2027-01-12"},
        {"from":"listed","to":"withdrawn","at":"2026-12-21T09:00:00+00:00","byUserId":"user-1",
        "reason":"other-agency-leads"}],"withdrawalReason":"other-agency-leads","withdrawalNote":"Probation leads."}
        """.ReplaceLineEndings("");

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-shape-").FullName, "iom.db"));

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task A_referral_stored_in_the_shape_written_before_the_domain_aggregate_reads_back_and_is_rewritten_unchanged()
    {
        var documents = new SqliteDocumentStore(database);
        using var stored = JsonDocument.Parse(StoredBefore);
        await documents.CommitAsync(Containers.People, PersonId, [new CreateWrite(ReferralId, "referral", stored.RootElement.Clone())], Ct);

        var read = (await documents.ReadAsync<Referral>(ReferralStore.KeyOf(PersonId, ReferralId), Ct))!.Value;

        read.Status.ShouldBe(ReferralStatus.Withdrawn);
        read.ReferralType.ShouldBe(ReferralType.Dyo);
        read.RiskOfSeriousHarm.ShouldBe(RiskOfSeriousHarm.VeryHigh);
        read.WithdrawalReason.ShouldBe(WithdrawalReason.OtherAgencyLeads);
        read.Person.PncId.ShouldBe("2012/0052494Q");
        read.AssetScore.ShouldBeNull();
        read.History.Select(h => (h.From, h.To)).ShouldBe([(ReferralStatus.AwaitingMeeting, ReferralStatus.Listed), (ReferralStatus.Listed, ReferralStatus.Withdrawn)]);
        read.DecidedBy.Inputs["referralType"].ShouldBe("dyo");
        DocumentJson.ToElement(read).GetRawText().ShouldBe(StoredBefore);
    }

    [Fact]
    public void The_domain_referral_keeps_the_stored_kind_referral()
    {
        DocumentKind.Of<Referral>().ShouldBe("referral");
        DocumentWrite.Create("r", Submitted()).ShouldBeOfType<CreateWrite>().Kind.ShouldBe("referral");
    }

    [Fact]
    public void An_enum_value_that_is_not_a_wire_name_is_refused_when_read_rather_than_guessed()
    {
        foreach (var bad in new[] { "\"VeryHigh\"", "\"Very-High\"", "3", "\"none\"" })
        {
            Should.Throw<JsonException>(() => JsonSerializer.Deserialize<RiskOfSeriousHarm>(bad, DocumentJson.Options), bad);
        }

        JsonSerializer.Deserialize<RiskOfSeriousHarm>("\"very-high\"", DocumentJson.Options).ShouldBe(RiskOfSeriousHarm.VeryHigh);
        JsonSerializer.Serialize(new Dictionary<PanelCode, int> { [PanelCode.StrategicGroup] = 1 }, DocumentJson.Options).ShouldBe("""{"strategic-group":1}""");
    }

    private static Referral Submitted() => Referral.Submit(
        ReferralId, PersonId, "IOM-261214-7K3M", ReferralType.Iom,
        new RoutingDecision("adult-iom", new Dictionary<string, string>(), PanelCode.Iom), null,
        new PersonDetails("Sam", "Smith", new DateOnly(1990, 1, 1), "male", null, null, null, null, null, null, null),
        "reason", [], [], RiskOfSeriousHarm.Low, 0, false, null, 10, false, false, new ReferrerDetails("Pat", "pat@police.uk", null),
        "police", "user-1", DateTimeOffset.UnixEpoch, []).Referral;
}
