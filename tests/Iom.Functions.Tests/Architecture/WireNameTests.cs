using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Iom.Application.Api;
using Iom.Application.Errors;
using Iom.Application.Mail;
using Iom.Application.Ports.Documents;
using Iom.Application.Referrals.Submit;
using Iom.Application.Referrals.Withdraw;
using Iom.Domain.Referrals;
using Iom.Domain.Wire;
using Iom.Functions.Http;
using Iom.Functions.Referrals.Form;
using Iom.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Iom.Functions.Tests.Architecture;

/// <summary>
/// Every enum that crosses the wire has its names declared once (<see cref="WireNames"/>), and the JSON API, the form,
/// the validators' messages and docs/referrals.md all say the same names.
/// </summary>
public sealed partial class WireNameTests
{
    private static readonly Assembly[] App =
    [
        typeof(Iom.Domain.DomainAssembly).Assembly,
        typeof(Iom.Application.Audit.AuditTrail).Assembly,
        typeof(FunctionCatalog).Assembly,
    ];

    [Fact]
    public void Every_enum_in_a_stored_document_an_api_response_or_a_request_names_every_value_on_the_wire()
    {
        var roots = App.SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<DocumentKindAttribute>() is not null || typeof(IApiResponse).IsAssignableFrom(t) 
                || t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.EndsWith("Message", StringComparison.Ordinal))
            .Concat(DomainDocumentKinds.Names.Keys);

        var enums = ReachableEnums(roots);

        enums.ShouldContain(typeof(ReferralStatus));
        enums.ShouldContain(typeof(Iom.Application.Audit.AuditOperation));
        enums.Where(e => !WireNames.AreDeclaredFor(e)).Select(e => e.FullName).ShouldBeEmpty();
    }

    [Fact]
    public void The_api_json_writes_and_reads_every_value_by_its_wire_name()
    {
        Check<ReferralType>();
        Check<RiskOfSeriousHarm>();
        Check<PanelCode>();
        Check<ReferralStatus>();
        Check<WithdrawalReason>();

        static void Check<T>() where T : struct, Enum
        {
            foreach (var value in Enum.GetValues<T>())
            {
                JsonSerializer.Serialize(value, ApiJson.Options).ShouldBe($"\"{WireNames.Of(value)}\"");
                JsonSerializer.Deserialize<T>($"\"{WireNames.Of(value)}\"", ApiJson.Options).ShouldBe(value);
            }
        }
    }

    [Fact]
    public void The_forms_radio_values_are_the_wire_names_the_json_api_accepts()
    {
        Values("referralType").ShouldBe(WireNames.All<ReferralType>());
        Values("riskOfSeriousHarm").ShouldBe(WireNames.All<RiskOfSeriousHarm>());

        static IEnumerable<string> Values(string field) => ReferralForm.Fields.Single(f => f.Name == field).Options.Select(o => o.Value);
    }

    [Fact]
    public async Task The_validators_list_the_wire_names_in_their_messages_and_accept_each_of_them()
    {
        var validator = new SubmitReferralValidator(TimeProvider.System, new SecureMailDomains(Options.Create(new MailOptions())), null, LocalHost.ShippedWards.List);

        var refused = validator.Validate(new SubmitReferralRequest { ReferralType = "Iom", RiskOfSeriousHarm = "VeryHigh" });

        Message(refused, "ReferralType").ShouldBe($"Select the referral type: one of {string.Join(", ", WireNames.All<ReferralType>())}");
        Message(refused, "RiskOfSeriousHarm").ShouldBe($"Select the risk of serious harm: one of {string.Join(", ", WireNames.All<RiskOfSeriousHarm>())}");
        foreach (var (type, rosh) in WireNames.All<ReferralType>().Zip(WireNames.All<RiskOfSeriousHarm>()))
        {
            var accepted = validator.Validate(new SubmitReferralRequest { ReferralType = type, RiskOfSeriousHarm = rosh });
            accepted.Errors.ShouldNotContain(e => e.PropertyName == "ReferralType" || e.PropertyName == "RiskOfSeriousHarm");
        }

        // The reason is checked before anything is read, so the handler needs no store for this.
        var withdrawal = await Should.ThrowAsync<ValidationFailedException>(() =>
            new WithdrawReferralHandler(null!, null!, TimeProvider.System).HandleAsync("id", new WithdrawReferralRequest { Reason = "OtherAgencyLeads" }, null!, TestContext.Current.CancellationToken));
        withdrawal.Errors["reason"].ShouldBe([$"Select the reason: one of {string.Join(", ", WireNames.All<WithdrawalReason>())}"]);

        static string Message(FluentValidation.Results.ValidationResult result, string property) =>
            result.Errors.Single(e => e.PropertyName == property).ErrorMessage;
    }

    [Fact]
    public void The_referrals_doc_lists_exactly_the_withdrawal_reasons_and_the_status_moves_the_code_has()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot.Find(), "docs", "referrals.md"));

        var reasons = WithdrawalReasonsLine().Match(doc);
        reasons.Success.ShouldBeTrue("docs/referrals.md lists the withdrawal reasons");
        Quoted().Matches(reasons.Value).Select(m => m.Groups[1].Value).ShouldBe(WireNames.All<WithdrawalReason>());

        var documented = new HashSet<(string From, string To)>();
        var statuses = WireNames.All<ReferralStatus>();
        foreach (Match row in StatusRow().Matches(doc))
        {
            var froms = row.Groups["from"].Value.Split(',', StringSplitOptions.TrimEntries);
            if (!froms.All(statuses.Contains))
            {
                continue; // another table's row (its header, say)
            }

            foreach (var from in froms)
            {
                foreach (var to in row.Groups["to"].Value.Split(',', StringSplitOptions.TrimEntries).Where(t => t != "—"))
                {
                    documented.Add((from, Regex.Replace(to, @"\s*\(.*\)$", "")));
                }
            }
        }

        var inCode = Enum.GetValues<ReferralStatus>()
            .SelectMany(from => ReferralStatusRules.AllowedFrom(from).Select(to => (WireNames.Of(from), WireNames.Of(to))));
        documented.ShouldBe(inCode, ignoreOrder: true);
    }

    private static HashSet<Type> ReachableEnums(IEnumerable<Type> roots)
    {
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsArray)
            {
                pending.Push(type.GetElementType()!);
                continue;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }

            if (!App.Contains(type.Assembly) || !seen.Add(type))
            {
                continue;
            }

            if (type.IsEnum)
            {
                enums.Add(type);
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                pending.Push(property.PropertyType);
            }
        }

        return enums;
    }

    [GeneratedRegex(@"Withdrawal reasons:[^\n]*(\n[^\n]+)*")]
    private static partial Regex WithdrawalReasonsLine();

    [GeneratedRegex("`([a-z-]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\| (?<from>[a-z, -]+) \| (?<to>[^|]+?) \|$", RegexOptions.Multiline)]
    private static partial Regex StatusRow();
}
