using Iom.Functions.Composition;
using Iom.Functions.Http;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddShippedDefaults();
builder.ConfigureFunctionsWebApplication();
builder.UseHttpPipeline();
builder.Services.AddIomFunctions(builder.Configuration, builder.Environment);
builder.Services.AddIomTelemetry(builder.Configuration);
builder.Build().Run();
