using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Csv;
using Sylvan.Data.Csv;

namespace Madoguchi.OpenData.Ingest;

/// <summary>
/// Reads a CSV file into header + rows after <see cref="CsvEncoding"/>: quoted fields may
/// span lines; ragged rows and unclosed quotes are reported by row in Japanese, not thrown.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Largest single field or record accepted (a quote never closed would otherwise swallow the file).</summary>
    private const int MaxRecordChars = 1 << 20;

    public sealed record Outcome(string? Encoding, IReadOnlyList<string> Columns, int Rows);

    /// <summary>
    /// A good row: its number and the parser positioned on it (read its fields with
    /// <see cref="CsvDataReader.GetFieldSpan"/> before returning). The fields are not made into
    /// strings unless a standard dataset's check needs them: at a million rows those strings were a
    /// large part of the ingest's reading time.
    /// </summary>
    public delegate ValueTask RowHandler(int number, CsvDataReader fields);

    /// <param name="onRow">Receives each good row while the table has no errors yet.</param>
    /// <param name="onProgress">Bytes read so far, every few thousand rows.</param>
    public static async Task<Outcome> ReadAsync(string path, StandardDataset? standard, IngestReport report,
        RowHandler onRow, Func<long, Task> onProgress, CancellationToken ct)
    {
        var detected = await CsvEncoding.DetectAsync(path, ct);
        if (detected.Error is { } error)
        {
            report.Error(0, "", error);
            return new Outcome(null, [], 0);
        }

        if (detected.Name is "shift_jis" or "utf-16le" or "utf-16be")
        {
            report.Warning(0, "", detected.Name == "shift_jis"
                ? "文字コードは Shift_JIS でした。UTF-8 に変換して保存しました（元のファイルもそのまま公開されます）。"
                : "文字コードは UTF-16 でした。UTF-8 に変換して保存しました。");
        }

        // Read synchronously: the ingest runs on a background worker, and a million awaited reads
        // cost more than the parsing itself.
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        file.Position = detected.PreambleLength;
        using var text = new StreamReader(file, detected.Encoding!, detectEncodingFromByteOrderMarks: false, 1 << 16);
        var options = new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', MaxBufferSize = MaxRecordChars, OwnsReader = false };
        var rows = 0;
        string[] header = [];
        try
        {
            await using var csv = CsvDataReader.Create(text, options);
            header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i)).ToArray();
            if (!HeaderIsUsable(header, report))
            {
                return new Outcome(detected.Name, header, 0);
            }

            header = header.Select(h => h.Trim()).ToArray();
            var check = standard is null ? null : StandardCheck.Start(standard, header, report);
            var platformWarned = false;
            var progressed = System.Diagnostics.Stopwatch.StartNew();
            while (csv.Read())
            {
                rows++;
                var line = rows + 1;
                if (csv.RowFieldCount != header.Length)
                {
                    if (csv.RowFieldCount == 1 && csv.GetString(0).Length == 0)
                    {
                        // A blank line (often the last one Excel writes): not a record.
                        rows--;
                        continue;
                    }

                    report.Error(line, "", $"列の数が見出し（{header.Length}列）と違います（{csv.RowFieldCount}列）。値の中のカンマは \" で囲んでください。");
                    continue;
                }

                if (!platformWarned)
                {
                    for (var i = 0; i < header.Length; i++)
                    {
                        if (CellRules.HasPlatformDependentCharacters(csv.GetFieldSpan(i)))
                        {
                            platformWarned = true;
                            report.Warning(line, header[i], $"機種依存文字（①、㈱ など）が含まれています: 「{csv.GetString(i)}」。環境によって表示できないため、(1)、(株) などに置き換えることをおすすめします。");
                            break;
                        }
                    }
                }

                if (check is not null)
                {
                    var values = new string[header.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        values[i] = csv.GetString(i);
                    }

                    check.Row(line, values, report);
                }

                if (report.Errors == 0)
                {
                    await onRow(rows, csv);
                }

                // The progress bar and the lease move once a second, not per batch of rows: each is a commit.
                if (rows % 1000 == 0 && progressed.ElapsedMilliseconds >= 1000)
                {
                    ct.ThrowIfCancellationRequested();
                    await onProgress(file.Position);
                    progressed.Restart();
                }
            }
        }
        catch (CsvRecordTooLargeException ex)
        {
            report.Error(ex.RowNumber + 1, "", "1行が大きすぎます（1MB超）。引用符（\"）が閉じられていない可能性があります。");
        }

        catch (CsvFormatException ex)
        {
            report.Error(ex.RowNumber + 1, "", "引用符（\"）が閉じられていないか、引用符の使い方が正しくありません。この行から後を読み取れませんでした。");
        }
        if (rows == 0 && report.Errors == 0)
        {
            report.Error(2, "", "データの行がありません。1行目に見出し、2行目からデータを入れてください。");
        }

        await onProgress(file.Length);
        return new Outcome(detected.Name, header, rows);
    }

    private static bool HeaderIsUsable(string[] header, IngestReport report)
    {
        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            report.Error(1, "", "1行目に見出し（列名）がありません。");
            return false;
        }

        var ok = true;
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                report.Error(1, $"{i + 1}列目", $"{i + 1}列目の見出しが空です。すべての列に名前を付けてください。");
                ok = false;
            }
            else if (header[i] != header[i].Trim())
            {
                report.Warning(1, header[i].Trim(), $"見出し「{header[i].Trim()}」の前後に空白があります（取り除いて読み込みました）。");
            }
        }

        foreach (var duplicate in header.Select(h => h.Trim()).Where(h => h.Length > 0).GroupBy(h => h).Where(g => g.Count() > 1))
        {
            report.Error(1, duplicate.Key, $"見出し「{duplicate.Key}」が{duplicate.Count()}回あります。列名は重ならないようにしてください。");
            ok = false;
        }

        return ok;
    }
}
