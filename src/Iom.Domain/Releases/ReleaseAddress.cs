namespace Iom.Domain.Releases;

/// <summary>Where the person is to live on release, as the prison reported it.</summary>
public sealed record ReleaseAddress(string Line1, string Town, string Postcode);
