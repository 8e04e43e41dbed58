namespace Iom.Functions.Http;

/// <summary>Anyone may call the function, signed in or not (health, static assets). Must be said out loud.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AnonymousAttribute : Attribute;
