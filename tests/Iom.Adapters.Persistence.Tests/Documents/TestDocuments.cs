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

/// <summary>A kind only the whole-container scan tests write, so other tests' documents never mix in.</summary>
[DocumentKind("test-scanned")]
public sealed record TestScanned(int Number);

/// <summary>A kind no test ever stores.</summary>
[DocumentKind("test-unstored")]
public sealed record TestUnstored(string Text);

/// <summary>A listing-like document for the query tests, on fields the panels container indexes (infra/containers.json).</summary>
[DocumentKind("test-listing")]
public sealed record TestListing(string Status, string MeetingDate, string SubmittedAt, bool Emergency = false);

/// <summary>An audit-record-like document for the query tests, on the field the people container indexes (infra/containers.json).</summary>
[DocumentKind("test-sequenced")]
public sealed record TestSequenced(long Sequence);

/// <summary>A document that expires after the time it carries.</summary>
[DocumentKind("test-expiring")]
public sealed record TestExpiring(string Text, TimeSpan? Lifetime) : IExpiringDocument
{
    public TimeSpan? TimeToLive => Lifetime;
}
