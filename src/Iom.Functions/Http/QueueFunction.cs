using System.Reflection;

namespace Iom.Functions.Http;

public sealed record QueueFunction(string Name, MethodInfo Method, string QueueName, string? Connection);
