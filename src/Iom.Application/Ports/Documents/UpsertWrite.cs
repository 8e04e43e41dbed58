namespace Iom.Application.Ports.Documents;

public sealed record UpsertWrite(string Id, string Kind, System.Text.Json.JsonElement Body, int? TimeToLiveSeconds = null) : DocumentWrite(Id);
