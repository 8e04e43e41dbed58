namespace Iom.Functions.Assets;

/// <summary>One file the app serves as-is: its bytes, media type and a version that changes whenever its bytes do.</summary>
public sealed record StaticAsset(string Path, byte[] Content, string ContentType, string Version);
