namespace Iom.Domain.Panels;

/// <summary>A panel action's rule refused a change; nothing was changed. <see cref="Reason"/> names the rule.</summary>
public sealed class PanelActionRefusedException(string reason, string message) : InvalidOperationException(message)
{
    /// <summary>The action is done already.</summary>
    public const string AlreadyDone = "action-already-done";

    /// <summary>The caller is neither the action's owner nor a co-ordinator.</summary>
    public const string NotOwner = "not-action-owner";

    public string Reason { get; } = reason;
}
