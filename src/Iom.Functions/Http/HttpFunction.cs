using System.Reflection;

namespace Iom.Functions.Http;

/// <param name="Verbs">The methods the trigger names; when it names none, the usual ones (and <paramref name="AnyMethod"/>).</param>
/// <param name="AnyMethod">The trigger names no methods: the Functions host routes every method to it.</param>
public sealed record HttpFunction(string Name, MethodInfo Method, string Route, IReadOnlyList<string> Verbs, EndpointPolicy? Policy, bool AnyMethod = false);
