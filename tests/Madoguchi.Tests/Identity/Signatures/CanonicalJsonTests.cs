using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Signatures;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>RFC 8785 (JCS): the examples of the RFC for numbers, strings and member order.</summary>
public sealed class CanonicalJsonTests
{
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    public void Numbers_are_written_as_ECMAScript_does(ulong bits, string expected) =>
        Assert.Equal(expected, CanonicalJson.Number(BitConverter.UInt64BitsToDouble(bits)));

    [Fact]
    public void Members_are_sorted_by_UTF16_code_units_and_strings_minimally_escaped()
    {
        var node = JsonNode.Parse("""
            {"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",
             "\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}
            """);
        var text = Encoding.UTF8.GetString(CanonicalJson.Serialize(node));
        Assert.Equal("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}", text);
    }

    [Fact]
    public void The_same_value_in_another_order_and_spacing_gives_the_same_bytes()
    {
        var a = JsonNode.Parse("""{ "b": [1, 2.50, "x\u000f\n\"/"], "a": { "z": true, "y": null } }""");
        var b = JsonNode.Parse("""{"a":{"y":null,"z":true},"b":[1.0,2.5,"x\u000F\n\"\/"]}""");
        Assert.Equal(CanonicalJson.Serialize(a), CanonicalJson.Serialize(b));
        Assert.Equal("{\"a\":{\"y\":null,\"z\":true},\"b\":[1,2.5,\"x\\u000f\\n\\\"/\"]}", Encoding.UTF8.GetString(CanonicalJson.Serialize(a)));
    }
}
