using System.Reflection;

namespace Iom.Functions.Http;

public sealed record TimerFunction(string Name, MethodInfo Method, string Schedule, bool RunOnStartup);
