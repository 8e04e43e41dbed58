using Iom.Application.Identity;
using Iom.Application.Offending;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Offending;

/// <summary>Offending data in: an analyst uploads proven offences (CSV or JSON) for the re-offending measures.</summary>
public sealed class OffendingRecordFunctions(RecordOffendingRecords record)
{
    public const string Purpose = "Performance measures: collecting proven offences of people in the IOM cohort to measure re-offending";

    /// <summary>An upload may be a large file: 50 MiB, read as it arrives.</summary>
    public const long MaxUploadBytes = 50L * 1024 * 1024;

    /// <summary>
    /// The upload's own budget: 50 MiB arrives in the body's 200 s at about 2 Mbit/s (a slow office line), and the
    /// checks and commits have the rest, within the 230 s Azure's front end waits.
    /// </summary>
    public const int UploadBudgetSeconds = 220;

    public const int UploadBodyReadSeconds = 200;

    [Function("UploadOffendingRecords")]
    [Accepts(OffendingUploadReader.CsvMediaType, typeof(OffendingRowInput))]
    [Accepts(OffendingUploadReader.JsonMediaType, typeof(OffendingRowInput[]))]
    [QueryParameter("acceptValid", "true: store the valid rows even when others are refused (default false: a file with a refused row changes nothing)", Values = ["true", "false"])]
    [Responds(StatusCodes.Status200OK, typeof(OffendingUploadReport), Description = "Applied: each row stored, unchanged (sent before), about nobody IOM knows (not stored), or refused (only with acceptValid=true).")]
    [Responds(StatusCodes.Status422UnprocessableEntity, typeof(ProblemDetails), Description = "rows-refused: nothing was stored; the report (as in 200) is the member report, its errors each refused field; fix them, or send acceptValid=true.")]
    [AllowRoles(Roles.Analyst, Purpose = Purpose)]
    [MaxBody(MaxUploadBytes)]
    [TimeBudget(UploadBudgetSeconds, BodyReadSeconds = UploadBodyReadSeconds)]
    public async Task<IActionResult> Upload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offending-records")] HttpRequest request, CancellationToken cancellationToken)
    {
        var acceptValid = AcceptValid(request);
        var report = await record.HandleAsync(OffendingUploadReader.Read(request, cancellationToken), acceptValid, request.HttpContext.ActingAs(), cancellationToken);
        if (report.Applied)
        {
            return new JsonResponse(StatusCodes.Status200OK, report);
        }

        // A refusal is problem details like every other; the report rides along as a member of its own.
        var refused = Problems.Create(StatusCodes.Status422UnprocessableEntity, RowsRefused, "Rows were refused, so nothing was stored.",
            "See report.errors for each refused field; fix them, or send acceptValid=true to store the valid rows.");
        refused.Problem.Extensions["report"] = report;
        return refused;
    }

    /// <summary>The reason of the 422 answer (<c>urn:iom:problem:rows-refused</c>).</summary>
    public const string RowsRefused = "rows-refused";

    private static bool AcceptValid(HttpRequest request)
    {
        var values = request.Query["acceptValid"];
        return values.Count switch
        {
            0 => false,
            1 when values[0] is "true" => true,
            1 when values[0] is "false" => false,
            _ => throw new Application.Errors.ValidationFailedException(new Dictionary<string, string[]> { ["acceptValid"] = ["Give acceptValid as true or false, once"] }),
        };
    }
}
