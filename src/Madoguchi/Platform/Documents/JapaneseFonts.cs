using SkiaSharp;

namespace Madoguchi.Platform.Documents;

/// <summary>
/// The Noto CJK faces from Debian's fonts-noto-cjk package, loaded once. Face 0 of each .ttc is the
/// Japanese variant (Noto Sans CJK JP), so kanji take their Japanese glyph shapes.
/// </summary>
public static class JapaneseFonts
{
    public const string Directory = "/usr/share/fonts/opentype/noto";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("NotoSansCJK-Regular.ttc"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("NotoSansCJK-Bold.ttc"));

    public static SKTypeface Regular => LazyRegular.Value;

    public static SKTypeface Bold => LazyBold.Value;

    private static SKTypeface Load(string file)
    {
        var path = Path.Combine(Directory, file);
        // Without the package a PDF would silently show empty boxes for every kanji; refuse instead.
        return SKTypeface.FromFile(path, 0)
            ?? throw new FileNotFoundException($"Japanese font missing: install Debian's fonts-noto-cjk ({path}).", path);
    }
}
