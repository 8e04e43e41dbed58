using Iom.Domain.Wards;
using Microsoft.Extensions.Options;

namespace Iom.Application.Wards;

/// <summary>Refuses to start with a ward list the intake could not use (<see cref="WardList.Problems"/>).</summary>
public sealed class WardsOptionsValidator : IValidateOptions<WardsOptions>
{
    public ValidateOptionsResult Validate(string? name, WardsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = WardList.Problems(options.ToWards());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Wards: {string.Join("; ", problems)}.");
    }
}
