using System.Reflection;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;

namespace Iom.Domain.Tests;

public sealed class WireNamesTests
{
    private static readonly Type[] DomainEnums = [.. typeof(DomainAssembly).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic)];

    /// <summary>Enums whose names are another system's: the release reasons as national prison events spell them.</summary>
    private static readonly HashSet<Type> ExternalVocabularies = [typeof(Iom.Domain.Releases.ReleaseReason)];

    [Fact]
    public void Every_value_of_every_enum_of_the_domain_has_one_wire_name_of_its_own()
    {
        DomainEnums.ShouldNotBeEmpty();
        foreach (var type in DomainEnums)
        {
            WireNames.AreDeclaredFor(type).ShouldBeTrue(type.Name);
            var names = (IReadOnlyList<string>)typeof(WireNames).GetMethod(nameof(WireNames.All), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(null, null)!;
            WireNames.AllOf(type).ShouldBe(names, type.Name); // what the OpenAPI description lists
            names.Count.ShouldBe(Enum.GetValues(type).Length, type.Name);
            names.ShouldBeUnique(type.Name);
            // Our own vocabularies are kebab-case; one that mirrors a national feed keeps that feed's spelling.
            var pattern = ExternalVocabularies.Contains(type) ? "^[A-Z]+(_[A-Z]+)*$" : "^[a-z]+(-[a-z]+)*$";
            names.ShouldAllBe(n => System.Text.RegularExpressions.Regex.IsMatch(n, pattern), type.Name);
        }
    }

    [Fact]
    public void A_wire_name_reads_back_as_the_value_it_names_and_nothing_else_does()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            WireNames.TryParse<ReferralStatus>(WireNames.Of(status), out var read).ShouldBeTrue();
            read.ShouldBe(status);
        }

        WireNames.TryParse<ReferralStatus>("AwaitingMeeting", out _).ShouldBeFalse();
        WireNames.TryParse<ReferralStatus>("Awaiting-Meeting", out _).ShouldBeFalse();
        WireNames.TryParse<ReferralStatus>("1", out _).ShouldBeFalse();
        WireNames.TryParse<ReferralStatus>(null, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => WireNames.Parse<RiskOfSeriousHarm>("none")).Message.ShouldContain("low, medium, high, very-high");
        Should.Throw<ArgumentOutOfRangeException>(() => WireNames.Of((PanelCode)99));
    }

    [Fact]
    public void The_names_are_listed_in_declaration_order()
    {
        WireNames.All<RiskOfSeriousHarm>().ShouldBe(["low", "medium", "high", "very-high"]);
        WireNames.All<PanelCode>().ShouldBe(["iom", "asb", "dyo", "strategic-group"]);
    }

    [Fact]
    public void An_enum_without_wire_names_is_not_declared_and_fails_its_first_use()
    {
        WireNames.AreDeclaredFor(typeof(DayOfWeek)).ShouldBeFalse();
        Should.Throw<TypeInitializationException>(() => WireNames.Of(DayOfWeek.Monday)).InnerException!.Message.ShouldContain("has no [WireName]");
    }
}
