using System.Buffers.Binary;

namespace Madoguchi.Reports.Photos;

/// <summary>
/// Recognises JPEG and PNG by their first bytes, reads the GPS position a camera wrote into EXIF,
/// and rewrites the file without any metadata. A photo can carry the reporter's home position, the
/// camera's serial number and the time; none of it may be published, so everything but the image
/// itself goes: JPEG APP1–APP15 segments (EXIF, XMP, ICC, Photoshop IRB …) and comments, PNG text
/// chunks, eXIf and tIME. A small segment walk does this without decoding the picture, so the
/// image data are kept byte for byte (no recompression).
/// </summary>
public static class ImageMetadata
{
    public sealed record Cleaned(string ContentType, byte[] Bytes, (double Latitude, double Longitude)? Gps);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly HashSet<string> PngDroppedChunks = ["tEXt", "iTXt", "zTXt", "eXIf", "tIME"];

    /// <summary>The cleaned image, or null when the bytes are not a well-formed JPEG or PNG.</summary>
    public static Cleaned? Clean(ReadOnlySpan<byte> bytes) =>
        bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF ? CleanJpeg(bytes)
        : bytes.StartsWith(PngSignature) ? CleanPng(bytes)
        : null;

    private static Cleaned? CleanJpeg(ReadOnlySpan<byte> b)
    {
        var output = new MemoryStream(b.Length);
        output.Write([0xFF, 0xD8]);
        (double, double)? gps = null;
        var i = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            if (i >= b.Length || b[i] != 0xFF)
            {
                return null;
            }

            while (i < b.Length && b[i] == 0xFF)
            {
                i++;
            }

            if (i >= b.Length)
            {
                return null;
            }

            var marker = b[i++];
            if (marker == 0xD9)
            {
                output.Write([0xFF, 0xD9]);
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                output.Write([0xFF, marker]);
                continue;
            }

            if (i + 2 > b.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(b[i..]);
            if (length < 2 || i + length > b.Length)
            {
                return null;
            }

            var payload = b.Slice(i + 2, length - 2);
            var dropped = marker is (>= 0xE1 and <= 0xEF) or 0xFE;
            if (marker == 0xE1 && gps is null && payload.StartsWith("Exif\0\0"u8))
            {
                gps = Exif.Gps(payload[6..]);
            }

            if (!dropped)
            {
                output.Write([0xFF, marker]);
                output.Write(b.Slice(i, length));
            }

            i += length;
            if (marker == 0xDA)
            {
                // Start of scan: the compressed image follows up to EOI; it holds no metadata.
                output.Write(b[i..]);
                return output.Length > 4 ? new Cleaned("image/jpeg", output.ToArray(), gps) : null;
            }
        }

        return new Cleaned("image/jpeg", output.ToArray(), gps);
    }

    private static Cleaned? CleanPng(ReadOnlySpan<byte> b)
    {
        var output = new MemoryStream(b.Length);
        output.Write(PngSignature);
        (double, double)? gps = null;
        var i = PngSignature.Length;
        var sawHeader = false;
        while (i + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b[i..]);
            if (length > int.MaxValue || i + 12 + (long)length > b.Length)
            {
                return null;
            }

            var type = System.Text.Encoding.ASCII.GetString(b.Slice(i + 4, 4));
            sawHeader |= type == "IHDR";
            if (type == "eXIf" && gps is null)
            {
                gps = Exif.Gps(b.Slice(i + 8, (int)length));
            }

            if (!PngDroppedChunks.Contains(type))
            {
                output.Write(b.Slice(i, 12 + (int)length));
            }

            i += 12 + (int)length;
            if (type == "IEND")
            {
                return sawHeader ? new Cleaned("image/png", output.ToArray(), gps) : null;
            }
        }

        return null;
    }
}
