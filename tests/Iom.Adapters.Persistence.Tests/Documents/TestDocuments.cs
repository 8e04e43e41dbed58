using Iom.Application.Ports.Documents;

namespace Iom.Adapters.Persistence.Tests.Documents;

public enum TestRisk
{
    Low,
    VeryHigh,
}

[DocumentKind("test-person")]
public sealed record TestPerson(string Name, DateOnly BornOn, TestRisk Risk, int Visits, string? Nickname = null);

[DocumentKind("test-note")]
public sealed record TestNote(string Text);
