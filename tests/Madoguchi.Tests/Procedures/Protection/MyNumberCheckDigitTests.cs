using System.Globalization;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Madoguchi.Tests.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Protection;

/// <summary>The 個人番号 check digit (番号法施行令 第8条) is checked by the form engine on the server.</summary>
public sealed class MyNumberCheckDigitTests
{
    private static readonly ProcedureTemplate ChildAllowance = TemplateLibrary.Embedded.Find("jidou-teate-nintei")!;

    /// <summary>The ordinance's formula written out again here, independently of the code under test.</summary>
    private static string WithCheckDigit(string eleven)
    {
        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            var p = eleven[11 - n] - '0';
            var q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }

        var check = sum % 11 <= 1 ? 0 : 11 - sum % 11;
        return eleven + check.ToString(CultureInfo.InvariantCulture);
    }

    private static string Wrong(string valid) => valid[..11] + ((valid[11] - '0' + 1) % 10).ToString(CultureInfo.InvariantCulture);

    public static TheoryData<string> Numbers()
    {
        var random = new Random(20261124);
        var data = new TheoryData<string>();
        foreach (var fixedOnes in new[] { "00000000000", "12345678901", "99999999999", "10000000000" })
        {
            data.Add(WithCheckDigit(fixedOnes));
        }

        for (var i = 0; i < 20; i++)
        {
            data.Add(WithCheckDigit(random.NextInt64(0, 100_000_000_000).ToString("D11", CultureInfo.InvariantCulture)));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void A_number_is_valid_with_its_check_digit_and_invalid_with_any_other(string valid)
    {
        Assert.True(MyNumberCheckDigit.IsValid(valid));
        for (var digit = 0; digit <= 9; digit++)
        {
            var other = valid[..11] + digit.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(other == valid, MyNumberCheckDigit.IsValid(other));
        }
    }

    [Fact]
    public void Known_numbers_check_as_the_ordinance_says()
    {
        // 12345678901, digits from the right times Q(n): 1·2+0·3+9·4+8·5+7·6+6·7 + 5·2+4·3+3·4+2·5+1·6 = 212;
        // 212 mod 11 = 3, so the check digit is 11 − 3 = 8.
        Assert.Equal(8, MyNumberCheckDigit.Of("12345678901"));
        Assert.True(MyNumberCheckDigit.IsValid("123456789018"));
        Assert.False(MyNumberCheckDigit.IsValid("123456789012"));
        Assert.False(MyNumberCheckDigit.IsValid("12345678901"));
        Assert.False(MyNumberCheckDigit.IsValid("12345678901６"));
    }

    [Theory]
    [MemberData(nameof(Numbers))]
    public void The_form_engine_refuses_a_wrong_check_digit_with_a_Japanese_message_at_the_field(string valid)
    {
        var data = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"))!.AsObject();
        data["claimant"]!["myNumber"] = valid;
        Assert.Empty(FormValidation.Whole(ChildAllowance, data));

        data["claimant"]!["myNumber"] = Wrong(valid);
        var error = Assert.Single(FormValidation.ForPage(ChildAllowance, 0, data));
        Assert.Equal("/claimant/myNumber", error.Pointer);
        Assert.Equal("個人番号が正しくありません。12桁の番号をもう一度確かめてください。", error.Message);
    }

    [Fact]
    public void A_wrong_number_inside_a_repeat_item_is_reported_at_that_item()
    {
        var data = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"))!.AsObject();
        var children = data["children"]!.AsArray();
        var index = children.Select((c, i) => (c, i)).First(x => x.c?["myNumber"] is not null).i;
        children[index]!["myNumber"] = Wrong((string)children[index]!["myNumber"]!);

        var errors = FormValidation.Whole(ChildAllowance, data);
        Assert.Equal($"/children/{index}/myNumber", Assert.Single(errors).Pointer);
    }

    [Fact]
    public void A_number_that_is_not_twelve_digits_keeps_the_one_pattern_message()
    {
        var data = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"))!.AsObject();
        data["claimant"]!["myNumber"] = "12345";
        var error = Assert.Single(FormValidation.Whole(ChildAllowance, data));
        Assert.Equal("個人番号は12桁の数字で入力してください。", error.Message);
    }
}
