using Iom.Domain.Wire;

namespace Iom.Domain.Referrals;

// Each member's [WireName] is how it is stored and sent (JSON, form values, query strings, messages, docs): see
// WireNames. The names are data: changing one changes stored documents and the API.

/// <summary>What the referrer asks for; the panel is decided by <see cref="Eligibility"/>, not by this alone.</summary>
public enum ReferralType
{
    [WireName("iom")] Iom,
    [WireName("asb")] Asb,
    [WireName("dyo")] Dyo,
}
