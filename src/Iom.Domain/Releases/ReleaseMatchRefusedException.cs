namespace Iom.Domain.Releases;

/// <summary>A decision <see cref="ReleaseMatch"/> does not allow; nothing was changed. <see cref="Rule"/> names the rule.</summary>
public sealed class ReleaseMatchRefusedException(string rule, string message) : InvalidOperationException(message)
{
    /// <summary>A decided match cannot be decided again.</summary>
    public const string AlreadyDecided = "release-match-decided";

    /// <summary>An unmatched notification has nobody to confirm.</summary>
    public const string NoCandidate = "release-match-no-candidate";

    /// <summary>Confirming names one of the candidates, and must when there are several.</summary>
    public const string NotACandidate = "release-match-not-a-candidate";

    public string Rule { get; } = rule;
}
