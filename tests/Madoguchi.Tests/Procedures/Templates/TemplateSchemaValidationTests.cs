using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Procedures.Forms.Schema;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Templates;

/// <summary>The shipped templates checked with our own JSON Schema validator (formats asserted, as forms will).</summary>
public sealed class TemplateSchemaValidationTests
{
    private static readonly SchemaEvaluationOptions Forms = new() { AssertFormats = true };

    public static TheoryData<string> Keys() => new(TemplateLibrary.Embedded.All.Select(t => t.Key));

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_schema_compiles(string key)
    {
        var ok = JsonSchema.TryParse(TemplateLibrary.Embedded.Find(key)!.Schema, null, null, out var schema, out var error);
        Assert.True(ok, $"{key}: {error}");
        Assert.NotNull(schema);
    }

    [Theory]
    [InlineData("jidou-teate-nintei")]
    [InlineData("hoiku-riyou-moushikomi")]
    [InlineData("risai-shoumei")]
    public void Sample_applications_are_valid(string key)
    {
        var schema = JsonSchema.Parse(TemplateLibrary.Embedded.Find(key)!.Schema);
        using var sample = JsonDocument.Parse(SampleApplications.For(key));
        var result = schema.Evaluate(sample.RootElement, Forms);
        Assert.True(result.IsValid, string.Join("\n", result.Errors.Select(e => $"{e.InstanceLocation} {e.Keyword}: {e.Message}")));
    }

    [Fact]
    public void A_broken_application_gets_Japanese_messages_at_the_fields()
    {
        var schema = JsonSchema.Parse(TemplateLibrary.Embedded.Find("jidou-teate-nintei")!.Schema);
        var sample = JsonNode.Parse(SampleApplications.For("jidou-teate-nintei"))!.AsObject();
        var claimant = sample["claimant"]!.AsObject();
        claimant["nameKana"] = "やまだ たろう";   // hiragana where katakana is required
        claimant.Remove("birthDate");
        using var broken = JsonDocument.Parse(sample.ToJsonString());

        var result = schema.Evaluate(broken.RootElement, Forms);
        Assert.False(result.IsValid);
        var kana = Assert.Single(result.Errors, e => e.InstanceLocation == "/claimant/nameKana");
        Assert.Contains("カタカナ", kana.Message);
        var birth = Assert.Single(result.Errors, e => e.InstanceLocation == "/claimant/birthDate");
        Assert.Equal("required", birth.Keyword);
        Assert.All(result.Errors, e => Assert.DoesNotMatch("^[ -~]+$", e.Message));
    }
}
