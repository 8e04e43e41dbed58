using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Referrals;
using Iom.Application.Wards;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>The intake's ward: a configured ward's code, or its name or alias stored as the code; nothing else.</summary>
public sealed class ReferralWardIntakeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-ward-intake-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private async Task<Referral> SubmitAsync(string? ward)
    {
        var request = Submissions.Referral();
        request = request with { Person = request.Person! with { Ward = ward } };
        var submitted = await Submissions.Handler(Documents, time).HandleAsync(request, Submissions.Referrer("police"), Ct);
        return (await Documents.FindAsync(submitted.Id, Ct))!.Value;
    }

    [Theory]
    [InlineData("E05000401", "E05000401")]
    [InlineData("e05000401", "E05000401")]
    [InlineData("South Richmond", "E05000401")]
    [InlineData(" south  richmond ", "E05000401")]
    [InlineData("HAMPTON WICK", "W05000403")]
    [InlineData("Ham, Petersham & Richmond Riverside", "E05000402")]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    public async Task A_wards_code_name_or_alias_is_accepted_and_stored_as_its_code(string? sent, string? stored) =>
        (await SubmitAsync(sent)).Person.Ward.ShouldBe(stored);

    [Theory]
    [InlineData("Narnia")]
    [InlineData("E05000499")]
    [InlineData("Twickenham")]
    [InlineData("<script>alert(1)</script>")]
    public async Task An_unknown_ward_is_refused_naming_the_field_without_repeating_the_value_and_nothing_is_stored(string ward)
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => SubmitAsync(ward));

        var message = refused.Errors.ShouldHaveSingleItem();
        message.Key.ShouldBe("person.ward");
        message.Value.ShouldHaveSingleItem().ShouldBe(
            "Select a ward of the local authority, or leave it blank: its ONS code, like E05000401, or its name, like South Richmond");
        message.Value[0].ShouldNotContain(ward);
        var stored = 0;
        await foreach (var _ in Documents.ReadKindAsync<Referral>(Ports.Documents.Containers.People, Ct))
        {
            stored++;
        }

        stored.ShouldBe(0);
    }

    [Theory]
    [InlineData("E05000301")]
    [InlineData("old deer park")]
    public async Task A_retired_ward_is_refused_on_a_new_referral_naming_the_field_and_nothing_is_stored(string ward)
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => SubmitAsync(ward));

        var message = refused.Errors.ShouldHaveSingleItem();
        message.Key.ShouldBe("person.ward");
        message.Value.ShouldHaveSingleItem().ShouldBe(
            "That ward was abolished when the ward boundaries changed: select the person's current ward, or leave it blank");
        await foreach (var _ in Documents.ReadKindAsync<Referral>(Ports.Documents.Containers.People, Ct))
        {
            throw new ShouldAssertException("A refused referral was stored.");
        }
    }

    [Fact]
    public void The_ward_list_is_checked_at_start_up_and_a_list_it_could_not_use_is_refused_with_the_reasons()
    {
        var validator = new WardsOptionsValidator();
        static WardsOptions Of(params WardOptions[] wards) => new() { Wards = [.. wards] };

        validator.Validate(null, Of(new WardOptions { Code = "E05000401", Name = "Kew", Aliases = ["Kew Gardens", " "] })).Succeeded.ShouldBeTrue();
        validator.Validate(null, Of()).FailureMessage.ShouldBe("Wards: the list is empty.");
        validator.Validate(null, Of(new WardOptions { Code = "E05000301", Name = "Old Deer Park", Retired = true })).FailureMessage.ShouldBe("Wards: every ward is retired.");
        Of(new WardOptions { Code = "E05000301", Name = "Old Deer Park", Retired = true }, new WardOptions { Code = "E05000401", Name = "Kew" })
            .ToWards().Select(w => w.Retired).ShouldBe([true, false]);
        validator.Validate(null, Of(new WardOptions { Code = "E5000401", Name = "Kew" }, new WardOptions { Code = "E05000402", Name = "kew" }))
            .FailureMessage.ShouldBe("Wards: 'E5000401' is not an ONS ward code (E05 or W05 and six digits); 'kew' names both E5000401 and E05000402.");
    }
}
