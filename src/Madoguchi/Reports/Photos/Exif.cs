using System.Buffers.Binary;

namespace Madoguchi.Reports.Photos;

/// <summary>Reads GPSLatitude/GPSLongitude from an EXIF (TIFF) block; any malformed offset gives null, never an exception.</summary>
internal static class Exif
{
    private const ushort GpsIfdPointer = 0x8825;

    public static (double Latitude, double Longitude)? Gps(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return null;
        }

        var little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M'))
        {
            return null;
        }

        var reader = new Reader(tiff.ToArray(), little);
        if (reader.U16(2) != 42 || reader.U32(4) is not { } ifd0)
        {
            return null;
        }

        var gpsIfd = reader.Entries(ifd0).Where(e => e.Tag == GpsIfdPointer).Select(e => (uint?)e.ValueOrOffset).FirstOrDefault();
        if (gpsIfd is null)
        {
            return null;
        }

        string? latRef = null, lonRef = null;
        double? lat = null, lon = null;
        foreach (var e in reader.Entries(gpsIfd.Value))
        {
            switch (e.Tag)
            {
                case 1: latRef = reader.Ascii(e); break;
                case 2: lat = reader.Degrees(e); break;
                case 3: lonRef = reader.Ascii(e); break;
                case 4: lon = reader.Degrees(e); break;
            }
        }

        if (lat is not { } la || lon is not { } lo || la > 90 || lo > 180)
        {
            return null;
        }

        return (latRef == "S" ? -la : la, lonRef == "W" ? -lo : lo);
    }

    private readonly record struct Entry(ushort Tag, ushort Type, uint Count, uint ValueOrOffset, int EntryOffset);

    private sealed class Reader(byte[] data, bool little)
    {
        public ushort? U16(long offset) =>
            offset < 0 || offset + 2 > data.Length ? null
            : little ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((int)offset)) : BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan((int)offset));

        public uint? U32(long offset) =>
            offset < 0 || offset + 4 > data.Length ? null
            : little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)offset)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan((int)offset));

        public IEnumerable<Entry> Entries(uint ifd)
        {
            var count = U16(ifd) ?? 0;
            for (var n = 0; n < count && n < 512; n++)
            {
                long at = ifd + 2 + n * 12L;
                if (U16(at) is not { } tag || U16(at + 2) is not { } type || U32(at + 4) is not { } c || U32(at + 8) is not { } v)
                {
                    yield break;
                }

                yield return new Entry(tag, type, c, v, (int)at);
            }
        }

        public string? Ascii(Entry e) =>
            e.Type == 2 && e.Count is >= 1 and <= 4 && e.EntryOffset + 9 <= data.Length ? ((char)data[e.EntryOffset + 8]).ToString() : null;

        /// <summary>Three RATIONALs: degrees, minutes, seconds.</summary>
        public double? Degrees(Entry e)
        {
            if (e.Type != 5 || e.Count != 3)
            {
                return null;
            }

            double total = 0;
            for (var k = 0; k < 3; k++)
            {
                if (U32(e.ValueOrOffset + k * 8L) is not { } num || U32(e.ValueOrOffset + k * 8L + 4) is not { } den || den == 0)
                {
                    return null;
                }

                total += (double)num / den / Math.Pow(60, k);
            }

            return total;
        }
    }
}
