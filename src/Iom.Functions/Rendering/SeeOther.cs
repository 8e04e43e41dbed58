using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Iom.Functions.Rendering;

/// <summary>303 See Other: after a form post, the browser fetches the next page with GET, so a refresh cannot post twice.</summary>
public sealed class SeeOther(string location) : IActionResult
{
    public string Location { get; } = location;

    public Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status303SeeOther;
        response.Headers.Location = Location;
        response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
