using Iom.Domain.Agencies;
using Microsoft.Extensions.Options;

namespace Iom.Application.Agencies;

/// <summary>Refuses to start with an agency list the intake and the rollups could not use (<see cref="AgencyList.Problems"/>).</summary>
public sealed class AgenciesOptionsValidator : IValidateOptions<AgenciesOptions>
{
    public ValidateOptionsResult Validate(string? name, AgenciesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = AgencyList.Problems(options.ToAgencies());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Agencies: {string.Join("; ", problems)}.");
    }
}
