namespace Iom.Application.Ports.Documents;

public sealed record ReplaceWrite(string Id, string Kind, System.Text.Json.JsonElement Body, string IfMatchETag, int? TimeToLiveSeconds = null) : DocumentWrite(Id);
