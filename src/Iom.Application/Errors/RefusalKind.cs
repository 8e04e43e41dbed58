namespace Iom.Application.Errors;

/// <summary>What kind of refusal a rule made; the HTTP layer maps each kind to one status code.</summary>
public enum RefusalKind
{
    /// <summary>The caller is signed in with the right role but lacks something the action needs, e.g. an agency (403).</summary>
    Forbidden,

    /// <summary>The thing asked for does not exist, or the caller may not know it does (404).</summary>
    NotFound,

    /// <summary>It clashes with what is already held, e.g. a duplicate (409).</summary>
    Conflict,

    /// <summary>It was based on a version that has since changed (412).</summary>
    Stale,

    /// <summary>Well-formed, but a rule refuses it, e.g. MAPPA-managed (422).</summary>
    Unprocessable,
}
