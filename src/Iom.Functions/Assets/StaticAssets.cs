using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Iom.Functions.Assets;

/// <summary>
/// GOV.UK Frontend's CSS, JavaScript and images (copied from npm into the build output's <c>assets</c> folder
/// by Iom.Functions.csproj) and our module that starts its components. The set is small and fixed, so it is read once
/// into memory and a request can only ever name a file on this list: there is no path to traverse.
/// </summary>
/// <remarks>
/// The GDS Transport typeface may only be used on GOV.UK domains, which a partnership's service is not, so its
/// @font-face rules are taken out of the stylesheet and its files are not served: every font stack then falls back to
/// Arial, as the Design System advises for services outside GOV.UK.
/// </remarks>
public sealed partial class StaticAssets
{
    public const string FolderName = "assets";
    public const string UrlPrefix = "/api/assets/";

    // Only what a page needs; source maps, Sass and the rest of the package are not served.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".json"] = "application/manifest+json; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private readonly Dictionary<string, StaticAsset> assets = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">The folder does not hold GOV.UK Frontend.</exception>
    public StaticAssets(string folder)
    {
        if (!File.Exists(System.IO.Path.Combine(folder, "govuk-frontend.min.css")))
        {
            throw new InvalidOperationException(
                $"GOV.UK Frontend is missing from {folder}. Run `npm ci` in the repository root, then build Iom.Functions again.");
        }

        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => (Path: System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/'), File: file))
            .Where(f => ContentTypes.ContainsKey(System.IO.Path.GetExtension(f.Path)))
            .ToList();

        // Stylesheets last: they name the fonts and images by version, so those must be known first.
        foreach (var (path, file) in files.OrderBy(f => IsStylesheet(f.Path)))
        {
            var content = File.ReadAllBytes(file);
            if (IsStylesheet(path))
            {
                content = Encoding.UTF8.GetBytes(RewriteStylesheetUrls(GdsTransportFontFace().Replace(Encoding.UTF8.GetString(content), ""), path));
            }

            assets[path] = new StaticAsset(path, content, ContentTypes[System.IO.Path.GetExtension(path)], VersionOf(content));
        }
    }

    public StaticAsset? Find(string? path) => path is null ? null : assets.GetValueOrDefault(path);

    /// <summary>The asset's address with its version, so it can be cached for a year and still change on upgrade.</summary>
    public string Url(string path) =>
        assets.TryGetValue(path, out var asset)
            ? $"{UrlPrefix}{path}?v={asset.Version}"
            : throw new InvalidOperationException($"There is no asset {path}.");

    private static bool IsStylesheet(string path) => path.EndsWith(".css", StringComparison.OrdinalIgnoreCase);

    private static string VersionOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content))[..16];

    // GOV.UK Frontend's CSS expects its fonts and images at /assets/…; here the functions live under /api. A URL
    // relative to the stylesheet (and versioned) is right wherever the app is mounted.
    private string RewriteStylesheetUrls(string css, string stylesheetPath) =>
        AssetUrl().Replace(css, match =>
        {
            var target = match.Groups["path"].Value;
            var asset = assets.GetValueOrDefault(target)
                ?? throw new InvalidOperationException($"{stylesheetPath} refers to /assets/{target}, which is not among the assets.");
            return $"url({target}?v={asset.Version})";
        });

    [GeneratedRegex(@"url\(\s*[""']?/assets/(?<path>[^""')?#\s]+)[""']?\s*\)")]
    private static partial Regex AssetUrl();

    [GeneratedRegex(@"@font-face\s*\{[^}]*GDS Transport[^}]*\}")]
    private static partial Regex GdsTransportFontFace();
}
