using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Iom.Functions.Http;

public static class HttpPipelineWorkerExtensions
{
    /// <summary>Puts every HTTP function of the worker inside the shared pipeline, its time budget included.</summary>
    public static IHostApplicationBuilder UseHttpPipeline(this Microsoft.Azure.Functions.Worker.Builder.FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseWhen<HttpPipelineMiddleware>(HttpPipelineMiddleware.IsHttp);
        builder.Services.AddPipelineCancellation();
        return builder;
    }

    internal static IServiceCollection AddPipelineCancellation(this IServiceCollection services) =>
        services.Configure<WorkerOptions>(options => options.InputConverters.RegisterAt<PipelineCancellationTokenConverter>(0));
}
