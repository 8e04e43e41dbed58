namespace Iom.Domain;

/// <summary>Domain rules in plain C#: no Azure types, no I/O, no clock reads (time is passed in).</summary>
public static class DomainAssembly;
