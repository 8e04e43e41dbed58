using Iom.Application.Panels;
using Iom.Functions.Composition;
using Microsoft.Extensions.Configuration;

namespace Iom.Functions.Tests.LocalHost;

/// <summary>
/// The object id a test caller signs in with. People are keyed by object id, never by e-mail; a test names a demo
/// panel member by their address for readability, and this gives the object id panels.json configures for them.
/// Anyone else gets an object id of their own derived from the address.
/// </summary>
public static class DemoPeople
{
    private static readonly Dictionary<string, string> Members = Load();

    public static string ObjectIdOf(string email) =>
        Members.TryGetValue(email, out var objectId) ? objectId : $"user-{email}";

    private static Dictionary<string, string> Load()
    {
        var panels = new PanelsOptions();
        new ConfigurationBuilder().AddShippedDefaults().Build().GetSection(PanelsOptions.SectionName).Bind(panels.Panels);
        return panels.Panels.Values.SelectMany(p => p.Members)
            .DistinctBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(m => m.Email, m => m.ObjectId, StringComparer.OrdinalIgnoreCase);
    }
}
