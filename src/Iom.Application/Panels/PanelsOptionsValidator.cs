using Iom.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace Iom.Application.Panels;

/// <summary>Refuses to start when a referral panel is missing from configuration.</summary>
public sealed class PanelsOptionsValidator : IValidateOptions<PanelsOptions>
{
    public ValidateOptionsResult Validate(string? name, PanelsOptions options)
    {
        var missing = new[] { PanelCode.Iom, PanelCode.Asb, PanelCode.Dyo }.Select(PanelDirectory.Code)
            .Where(code => !options.Panels.ContainsKey(code)).ToList();
        var invalid = options.Panels.Where(p => string.IsNullOrWhiteSpace(p.Value.CoordinatorEmail) || string.IsNullOrWhiteSpace(p.Value.Name))
            .Select(p => p.Key).ToList();
        // A member without an object id could never be recognised; say so at start-up rather than deny them silently.
        var unidentified = options.Panels.Where(p => p.Value.Members.Any(m => string.IsNullOrWhiteSpace(m.ObjectId)))
            .Select(p => p.Key).ToList();
        return (missing.Count, invalid.Count, unidentified.Count) switch
        {
            (0, 0, 0) => ValidateOptionsResult.Success,
            _ => ValidateOptionsResult.Fail(
                $"Panels: missing {string.Join(", ", missing)}; without name or co-ordinator e-mail: {string.Join(", ", invalid)}; " +
                $"with a member without an object id (ObjectId): {string.Join(", ", unidentified)}."),
        };
    }
}
