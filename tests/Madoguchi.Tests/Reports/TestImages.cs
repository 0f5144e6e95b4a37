using System.Buffers.Binary;
using SkiaSharp;

namespace Madoguchi.Tests.Reports;

/// <summary>Real JPEG and PNG files (drawn with SkiaSharp) carrying the metadata a phone writes.</summary>
public static class TestImages
{
    public const string CameraSerial = "SERIAL-0123456789";

    private static byte[] Encode(SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(64, 48);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(32, 24, 12, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format, 90).ToArray();
    }

    /// <summary>A JPEG whose APP1 EXIF holds GPS (and a camera serial), plus an XMP packet and a comment.</summary>
    public static byte[] JpegWithGps(double latitude, double longitude)
    {
        var jpeg = Encode(SKEncodedImageFormat.Jpeg);
        var exif = Segment(0xE1, [.. "Exif\0\0"u8.ToArray(), .. Tiff(latitude, longitude)]);
        var xmp = Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8.ToArray(), .. System.Text.Encoding.UTF8.GetBytes("<x:xmpmeta>" + CameraSerial + "</x:xmpmeta>")]);
        var comment = Segment(0xFE, System.Text.Encoding.ASCII.GetBytes("owner " + CameraSerial));
        return [.. jpeg[..2], .. exif, .. xmp, .. comment, .. jpeg[2..]];
    }

    public static byte[] Png() => Encode(SKEncodedImageFormat.Png);

    /// <summary>A PNG with a tEXt chunk and an eXIf chunk (GPS) inserted after IHDR.</summary>
    public static byte[] PngWithMetadata(double latitude, double longitude)
    {
        var png = Png();
        var afterHeader = 8 + 12 + 13;
        return [.. png[..afterHeader], .. Chunk("tEXt", System.Text.Encoding.ASCII.GetBytes("Author\0" + CameraSerial)), .. Chunk("eXIf", Tiff(latitude, longitude)), .. png[afterHeader..]];
    }

    public static bool Decodes(byte[] bytes)
    {
        using var bitmap = SKBitmap.Decode(bytes);
        return bitmap is { Width: 64, Height: 48 };
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var b = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(b, 4);
        data.CopyTo(b, 8);
        var crc = Crc32(b.AsSpan(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8 + data.Length), crc);
        return b;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Little-endian TIFF: IFD0 with a camera serial and the GPS IFD pointer; GPS IFD with N/E lat/long.</summary>
    private static byte[] Tiff(double latitude, double longitude)
    {
        var t = new byte[200];
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), 8);
        // IFD0 at 8: 2 entries
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(8), 2);
        Entry(t, 10, 0xA431, 2, 18, 150);      // BodySerialNumber (ASCII) at 150
        Entry(t, 22, 0x8825, 4, 1, 40);        // GPS IFD at 40
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(34), 0);
        // GPS IFD at 40: 4 entries
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(40), 4);
        Entry(t, 42, 1, 2, 2, 'N');
        Entry(t, 54, 2, 5, 3, 100);
        Entry(t, 66, 3, 2, 2, 'E');
        Entry(t, 78, 4, 5, 3, 124);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(90), 0);
        Rationals(t, 100, latitude);
        Rationals(t, 124, longitude);
        System.Text.Encoding.ASCII.GetBytes(CameraSerial).CopyTo(t, 150);
        return t;
    }

    private static void Entry(byte[] t, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 8), value);
    }

    private static void Rationals(byte[] t, int at, double degrees)
    {
        var d = (uint)Math.Floor(degrees);
        var minutes = (degrees - d) * 60;
        var m = (uint)Math.Floor(minutes);
        var s = (uint)Math.Round((minutes - m) * 60 * 10000);
        uint[] values = [d, 1, m, 1, s, 10000];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + i * 4), values[i]);
        }
    }
}
