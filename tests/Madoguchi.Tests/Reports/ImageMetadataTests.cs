using Madoguchi.Reports.Photos;

namespace Madoguchi.Tests.Reports;

/// <summary>Photos are published: every byte of metadata must be gone, the picture intact.</summary>
public sealed class ImageMetadataTests
{
    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(needle)) >= 0;

    [Fact]
    public void Jpeg_gps_is_read_then_every_app_segment_and_comment_is_removed()
    {
        var original = TestImages.JpegWithGps(38.5771, 140.9557);
        Assert.True(Contains(original, "Exif") && Contains(original, TestImages.CameraSerial));

        var cleaned = ImageMetadata.Clean(original)!;

        Assert.Equal("image/jpeg", cleaned.ContentType);
        Assert.Equal(38.5771, cleaned.Gps!.Value.Latitude, 4);
        Assert.Equal(140.9557, cleaned.Gps!.Value.Longitude, 4);
        Assert.False(Contains(cleaned.Bytes, "Exif"));
        Assert.False(Contains(cleaned.Bytes, "xap/1.0"));
        Assert.False(Contains(cleaned.Bytes, TestImages.CameraSerial));
        // No APPn (n ≥ 1) or COM marker before the scan.
        var scan = cleaned.Bytes.AsSpan().IndexOf(new byte[] { 0xFF, 0xDA });
        for (var i = 0; i < scan; i++)
        {
            Assert.False(cleaned.Bytes[i] == 0xFF && cleaned.Bytes[i + 1] is (>= 0xE1 and <= 0xEF) or 0xFE, $"metadata marker at {i}");
        }

        Assert.True(TestImages.Decodes(cleaned.Bytes));
    }

    [Fact]
    public void Png_text_and_exif_chunks_are_removed_and_gps_read()
    {
        var original = TestImages.PngWithMetadata(38.3144, 141.0220);
        Assert.True(TestImages.Decodes(original));

        var cleaned = ImageMetadata.Clean(original)!;

        Assert.Equal("image/png", cleaned.ContentType);
        Assert.Equal(38.3144, cleaned.Gps!.Value.Latitude, 4);
        Assert.False(Contains(cleaned.Bytes, "tEXt"));
        Assert.False(Contains(cleaned.Bytes, "eXIf"));
        Assert.False(Contains(cleaned.Bytes, TestImages.CameraSerial));
        Assert.True(TestImages.Decodes(cleaned.Bytes));
        Assert.Equal(TestImages.Png(), cleaned.Bytes);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")]
    [InlineData("%PDF-1.7 pretending")]
    public void Anything_but_jpeg_or_png_is_refused(string text) =>
        Assert.Null(ImageMetadata.Clean(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void A_truncated_or_corrupt_file_is_refused_not_thrown()
    {
        var jpeg = TestImages.JpegWithGps(38.5, 140.9);
        Assert.Null(ImageMetadata.Clean(jpeg[..40]));
        Assert.Null(ImageMetadata.Clean([0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]));
        var png = TestImages.Png();
        Assert.Null(ImageMetadata.Clean(png[..(png.Length - 12)]));

        // A GPS offset pointing outside the block gives no position, not an exception.
        var broken = (byte[])jpeg.Clone();
        var gpsPointer = broken.AsSpan().IndexOf(new byte[] { 0x25, 0x88, 0x04, 0x00 });
        broken[gpsPointer + 8] = 0xF0;
        Assert.Null(ImageMetadata.Clean(broken)!.Gps);
    }
}
