using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Converters;

namespace Iom.Functions.Http;

/// <summary>
/// The worker binds a function's CancellationToken parameter to FunctionContext.CancellationToken, which knows nothing
/// of the pipeline's time budget. Registered first, this binds it to the pipeline's linked token instead, as the local
/// host does.
/// </summary>
internal sealed class PipelineCancellationTokenConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context) =>
        new((context.TargetType == typeof(CancellationToken) || context.TargetType == typeof(CancellationToken?))
            && context.FunctionContext.GetHttpContext() is { } http
            && HttpPipeline.InvocationToken(http) is { } token
                ? ConversionResult.Success(token)
                : ConversionResult.Unhandled());
}
