using System.Text;
using System.Text.Json;
using Madoguchi.OpenData.Catalogue;

namespace Madoguchi.Tests.OpenData;

/// <summary>The ingest's fast row encoding writes exactly what the serializer writes (the stored rows are searched and read as that text).</summary>
public sealed class RowJsonTests
{
    [Fact]
    public void Every_character_the_fast_path_copies_is_one_the_serializer_leaves_unchanged()
    {
        var buffer = new StringBuilder();
        for (var c = 0; c <= char.MaxValue; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                continue;
            }

            var value = new[] { ((char)c).ToString() };
            Assert.Equal(JsonSerializer.Serialize(value, RowJson.Options), RowJson.Write(value, buffer));
        }
    }

    [Fact]
    public void Rows_with_quotes_escapes_control_characters_and_emoji_are_written_as_the_serializer_writes_them()
    {
        var buffer = new StringBuilder();
        string[][] rows =
        [
            ["R0000001", "施設1", "避難所", "本町1丁目", "38.0010", "140.0010", "022-001-0001", "備考, 1"],
            ["\"引用\"", "back\\slash", "改行\r\nあり", "tab\t", "", "😀絵文字", "①㈱ ＡＢＣ <b>&amp;</b> '"],
            [],
        ];
        foreach (var row in rows)
        {
            Assert.Equal(JsonSerializer.Serialize(row, RowJson.Options), RowJson.Write(row, buffer));
            Assert.Equal(row, RowJson.Read(RowJson.Write(row, buffer)));
        }

        // A lone surrogate (a broken file) is left to the serializer, whatever it makes of it.
        string[] broken = ["\ud800", "a\udc00b"];
        Assert.Equal(JsonSerializer.Serialize(broken, RowJson.Options), RowJson.Write(broken, buffer));
    }
}
