using Sylvan.Data.Csv;

namespace Madoguchi.Platform.Csv;

/// <summary>
/// Reads a small CSV file held in memory (a shelter list, a contact list, a facility list) into its
/// header and records: the encoding from <see cref="CsvEncoding"/>, RFC 4180 parsing by Sylvan
/// (quoted fields with commas, doubled quotes and line breaks), blank lines skipped. A record's
/// <see cref="CsvRecord.Row"/> is its row as a spreadsheet shows it (the header is row 1), which is
/// what the person fixing the file sees. Large files are streamed by the open-data ingest instead.
/// </summary>
public static class CsvFile
{
    public sealed record CsvRecord(int Row, string[] Fields)
    {
        /// <summary>The trimmed value of a column (by index; -1 or a short row gives "").</summary>
        public string this[int column] => column >= 0 && column < Fields.Length ? Fields[column].Trim() : "";
    }

    /// <param name="Error">Why the file could not be read at all (not text, unknown encoding, broken quotes), in Japanese.</param>
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<CsvRecord> Records, string? Error)
    {
        /// <summary>The index of the first header among <paramref name="names"/> present (compared trimmed and case-insensitively), or -1.</summary>
        public int Column(params string[] names) =>
            names.Select(n => Header.ToList().FindIndex(h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(i => i >= 0, -1);
    }

    /// <summary>Largest single record accepted: a quote never closed would otherwise swallow the file.</summary>
    private const int MaxRecordChars = 1 << 20;

    public static async Task<Table> ReadAsync(byte[] bytes, CancellationToken ct)
    {
        var detected = await CsvEncoding.DetectAsync(bytes, ct);
        if (detected.Error is { } error)
        {
            return new Table([], [], error);
        }

        using var text = new StreamReader(new MemoryStream(bytes, detected.PreambleLength, bytes.Length - detected.PreambleLength, writable: false), detected.Encoding!, detectEncodingFromByteOrderMarks: false);
        var options = new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', MaxBufferSize = MaxRecordChars };
        var records = new List<CsvRecord>();
        try
        {
            await using var csv = await CsvDataReader.CreateAsync(text, options, ct);
            while (await csv.ReadAsync(ct))
            {
                var fields = new string[csv.RowFieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }

                if (fields.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                records.Add(new CsvRecord((int)csv.RowNumber, fields));
            }
        }
        catch (CsvRecordTooLargeException ex)
        {
            return new Table([], [], $"{ex.RowNumber}行目が大きすぎます（1MB超）。引用符（\"）が閉じられていない可能性があります。");
        }
        catch (CsvFormatException ex)
        {
            return new Table([], [], $"{ex.RowNumber}行目の引用符（\"）が閉じられていないか、使い方が正しくありません。");
        }

        if (records.Count == 0 || records[0].Row != 1)
        {
            return new Table([], [], records.Count == 0 ? "ファイルが空です。" : "1行目に見出し（列名）がありません。");
        }

        return new Table(records[0].Fields.Select(h => h.Trim()).ToArray(), records.Skip(1).ToList(), null);
    }
}
