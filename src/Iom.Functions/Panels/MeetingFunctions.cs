using Iom.Application.Access;
using Iom.Application.Identity;
using Iom.Application.Panels;
using Iom.Application.Panels.Meetings;
using Iom.Functions.Http;
using Iom.Functions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Iom.Functions.Panels;

public sealed class MeetingFunctions(CreateMeetingsHandler create)
{
    [Function("CreateMeetings")]
    [Accepts(typeof(CreateMeetingsRequest))]
    [Responds(StatusCodes.Status201Created, typeof(CreatedMeetings), Description = "The meetings added.")]
    [AllowRoles(Roles.Coordinator, Purpose = "Panel administration: arranging meetings", Objects = typeof(PanelAccess))]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "panels/{panel}/meetings")] HttpRequest request, string panel, CancellationToken cancellationToken)
    {
        if (!PanelDirectory.TryParse(panel, out var code))
        {
            throw PanelDirectory.NotFound();
        }

        var body = await RequestBody.ReadJsonAsync<CreateMeetingsRequest>(request, cancellationToken);
        var meetings = await create.HandleAsync(code, body, request.HttpContext.ActingAs(), cancellationToken);
        return new JsonResponse(StatusCodes.Status201Created, new CreatedMeetings(PanelDirectory.Code(code), meetings));
    }
}
