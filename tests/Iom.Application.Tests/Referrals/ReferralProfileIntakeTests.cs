using Iom.Adapters.Sqlite;
using Iom.Application.Errors;
using Iom.Application.Referrals;
using Iom.Domain.Referrals;
using Microsoft.Extensions.Time.Testing;

namespace Iom.Application.Tests.Referrals;

/// <summary>The intake's gender and ethnicity: a code or a label of the vocabulary, in any case, stored as the code; nothing else.</summary>
public sealed class ReferralProfileIntakeTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly SqliteDatabase database = new(Path.Combine(Directory.CreateTempSubdirectory("iom-profile-intake-").FullName, "iom.db"));
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-12-14T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => database.Dispose();

    private SqliteDocumentStore Documents => new(database, time);

    private async Task<Referral> SubmitAsync(string? gender, string? ethnicity)
    {
        var request = Submissions.Referral();
        request = request with { Person = request.Person! with { Gender = gender, Ethnicity = ethnicity } };
        var submitted = await Submissions.Handler(Documents, time).HandleAsync(request, Submissions.Referrer("police"), Ct);
        return (await Documents.FindAsync(submitted.Id, Ct))!.Value;
    }

    [Theory]
    [InlineData("male", "W1", "male", "W1")]
    [InlineData("Female", "w2", "female", "W2")]
    [InlineData("NOT STATED", "White: Roma", "not-stated", "W4")]
    [InlineData(" Non-binary ", "any other white background", "non-binary", "W9")]
    [InlineData("not-stated", "Indian", "not-stated", "A1")]
    [InlineData("male", null, "male", null)]
    public async Task A_code_or_label_in_any_case_is_accepted_and_stored_as_its_code(string gender, string? ethnicity, string storedGender, string? storedEthnicity)
    {
        var person = (await SubmitAsync(gender, ethnicity)).Person;

        person.Gender.ShouldBe(storedGender);
        person.Ethnicity.ShouldBe(storedEthnicity);
    }

    [Theory]
    [InlineData("man", "W1", "person.gender")]
    [InlineData("M", "W1", "person.gender")]
    [InlineData(null, "W1", "person.gender")]
    [InlineData("male", "White British", "person.ethnicity")]
    [InlineData("male", "", "person.ethnicity")]
    [InlineData("male", "=HYPERLINK(\"http://evil.example\")", "person.ethnicity")]
    [InlineData("<script>alert(1)</script>", "male", "person.gender")]
    public async Task Free_text_is_refused_naming_the_field_without_repeating_the_value_and_nothing_is_stored(string? gender, string? ethnicity, string field)
    {
        var refused = await Should.ThrowAsync<ValidationFailedException>(() => SubmitAsync(gender, ethnicity));

        refused.Errors.Keys.ShouldContain(field);
        refused.Errors[field].ShouldHaveSingleItem();
        // What was sent is never said back (a single letter is too short to tell).
        if ((field == "person.gender" ? gender : ethnicity) is { Length: > 2 } sent)
        {
            refused.Errors[field][0].ShouldNotContain(sent);
        }

        await foreach (var _ in Documents.ReadKindAsync<Referral>(Ports.Documents.Containers.People, Ct))
        {
            throw new ShouldAssertException("A refused referral was stored.");
        }
    }
}
