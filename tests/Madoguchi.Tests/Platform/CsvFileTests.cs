using System.Text;
using Madoguchi.Platform.Csv;

namespace Madoguchi.Tests.Platform;

/// <summary>The one CSV reader every module's small imports use: encodings, RFC 4180 quoting, rows as a spreadsheet numbers them.</summary>
public sealed class CsvFileTests
{
    static CsvFileTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Shift_JIS_with_platform_characters_and_multi_line_fields_is_read_with_spreadsheet_row_numbers()
    {
        var text = "名称 , 住所\r\n①番館,\"㈱テスト\r\n2階\"\r\n\r\n\"引用 \"\"符\"\"\",仙台\r\n";
        var table = await CsvFile.ReadAsync(Encoding.GetEncoding(932).GetBytes(text), CancellationToken.None);

        Assert.Null(table.Error);
        Assert.Equal(["名称", "住所"], table.Header);
        Assert.Equal(1, table.Column("ＸＸ", "住所"));
        Assert.Equal(-1, table.Column("緯度"));
        Assert.Equal(2, table.Records.Count);
        Assert.Equal("㈱テスト\r\n2階", table.Records[0][1]);
        Assert.Equal(2, table.Records[0].Row);
        Assert.Equal("引用 \"符\"", table.Records[1][0]);
        Assert.Equal("", table.Records[1][5]);
    }

    [Theory]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 }, "Excel")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "PDF")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0xFF }, "文字のファイル")]
    [InlineData(new byte[] { 0x61, 0x2C, 0x62, 0x0D, 0x0A, 0x22, 0x61, 0x22, 0x78, 0x2C, 0x31 }, "引用符")]
    [InlineData(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A }, "ファイルが空です")]
    public async Task Files_that_are_not_usable_CSV_are_named_in_Japanese(byte[] bytes, string expected)
    {
        var table = await CsvFile.ReadAsync(bytes, CancellationToken.None);
        Assert.Contains(expected, table.Error);
        Assert.Empty(table.Records);
    }

    [Fact]
    public async Task UTF8_with_BOM_and_UTF16_are_decoded()
    {
        var bom = await CsvFile.ReadAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("氏名\n山田")], CancellationToken.None);
        var utf16 = await CsvFile.ReadAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("氏名\n山田")], CancellationToken.None);
        Assert.Equal("山田", bom.Records.Single()[0]);
        Assert.Equal("山田", utf16.Records.Single()[0]);
        Assert.Equal("氏名", bom.Header[0]);
    }
}
