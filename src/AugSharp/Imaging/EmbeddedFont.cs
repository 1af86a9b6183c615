using SkiaSharp;

namespace AugSharp;

/// <summary>
/// The font embedded in the library, DejaVu Sans 2.37 (Bitstream Vera licence, see
/// <c>Pictures/Fonts/LICENSE.txt</c>), for every layer that draws text (captions, TextImage), so
/// that no system font is needed and the same text gives the same pixels everywhere.
/// </summary>
internal static class EmbeddedFont
{
    private const string ResourceName = "AugSharp.Pictures.Fonts.DejaVuSans.ttf";

    private static readonly Lazy<SKTypeface> Face = new(Load);

    /// <summary>The embedded DejaVu Sans typeface, loaded once.</summary>
    public static SKTypeface DejaVuSans => Face.Value;

    private static SKTypeface Load()
    {
        using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The font {ResourceName} is missing from the library.");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"The font {ResourceName} could not be loaded.");
    }
}
