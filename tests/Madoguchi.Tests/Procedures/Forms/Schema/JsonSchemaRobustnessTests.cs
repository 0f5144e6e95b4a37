using System.Text.Json;
using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// What happens at the edges: malformed schemas are refused with a clear message when parsed,
/// and no instance makes evaluation throw or overflow the stack.
/// </summary>
public sealed class JsonSchemaRobustnessTests
{
    [Theory]
    [InlineData("""{ "minLength": -1 }""", "minLength must be a non-negative integer")]
    [InlineData("""{ "type": "text" }""", "type must name a JSON type")]
    [InlineData("""{ "pattern": "([a-z" }""", "is not a valid regular expression")]
    [InlineData("""{ "items": [ { "type": "string" } ] }""", "use prefixItems")]
    [InlineData("""{ "properties": { "a": 1 } }""", "a schema must be an object or a boolean")]
    [InlineData("""{ "$ref": "https://forms.madoguchi.example/unknown.json" }""", "does not name a known schema")]
    [InlineData("""{ "type": "string", """, "not valid JSON")]
    public void A_malformed_schema_is_refused_with_the_problem_named(string schema, string problem)
    {
        var exception = Assert.Throws<InvalidSchemaException>(() => JsonSchema.Parse(schema));

        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_returns_the_problem_instead_of_throwing()
    {
        var parsed = JsonSchema.TryParse(JsonDocument.Parse("""{ "required": "name" }""").RootElement, null, null, out var schema, out var error);

        Assert.False(parsed);
        Assert.Null(schema);
        Assert.Contains("required must be an array of strings", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_cycle_that_consumes_no_input_is_an_error_not_a_stack_overflow()
    {
        var schema = JsonSchema.Parse("""
            { "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "$ref": "#/$defs/a" } }, "$ref": "#/$defs/a" }
            """);

        var result = schema.Evaluate(JsonDocument.Parse("{}").RootElement);

        Assert.False(result.IsValid);
        Assert.Equal("$ref", Assert.Single(result.Errors).Keyword);
    }

    [Fact]
    public void A_deeply_nested_instance_against_a_recursive_schema_is_evaluated()
    {
        var schema = JsonSchema.Parse("""{ "type": "array", "items": { "$ref": "#" }, "maxItems": 1 }""");
        var deep = string.Concat(Enumerable.Repeat("[", 60)) + string.Concat(Enumerable.Repeat("]", 60));
        var tooWide = string.Concat(Enumerable.Repeat("[", 30)) + "[], []" + string.Concat(Enumerable.Repeat("]", 30));

        Assert.True(schema.Evaluate(JsonDocument.Parse(deep).RootElement).IsValid);
        var error = Assert.Single(schema.Evaluate(JsonDocument.Parse(tooWide).RootElement).Errors);
        Assert.Equal("/" + string.Join('/', Enumerable.Repeat("0", 29)), error.InstanceLocation);
        Assert.Equal("maxItems", error.Keyword);
    }

    [Fact]
    public void Recursion_deeper_than_any_form_is_reported_instead_of_overflowing_the_stack()
    {
        var schema = JsonSchema.Parse("""{ "items": { "$ref": "#" } }""");
        var depth = 3000;
        var instance = JsonDocument.Parse(string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth)),
            new JsonDocumentOptions { MaxDepth = depth + 1 }).RootElement;

        var result = schema.Evaluate(instance);

        Assert.False(result.IsValid);
        Assert.Equal("$ref", Assert.Single(result.Errors).Keyword);
    }

    [Theory]
    [InlineData("1e400", true)]
    [InlineData("-1e400", false)]
    [InlineData("1.5e400", true)]
    [InlineData("1.5e-400", false)]
    public void Numbers_beyond_double_range_are_evaluated_without_throwing(string number, bool valid)
    {
        var schema = JsonSchema.Parse("""{ "type": "integer", "minimum": 0, "maximum": 1e500, "multipleOf": 0.5 }""");

        var result = schema.Evaluate(JsonDocument.Parse(number).RootElement);

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void A_registered_document_can_be_referenced_without_network_access()
    {
        var registry = new SchemaRegistry();
        registry.Register(new Uri("https://forms.madoguchi.example/common/address.json"), """
            { "type": "object", "required": ["郵便番号"], "properties": { "郵便番号": { "type": "string", "pattern": "^\\d{3}-\\d{4}$" } } }
            """);
        var schema = JsonSchema.Parse("""{ "properties": { "住所": { "$ref": "../common/address.json" } } }""",
            new Uri("https://forms.madoguchi.example/jidou-teate/form.json"), registry);

        var result = schema.Evaluate(JsonDocument.Parse("""{ "住所": { "郵便番号": "1000001" } }""").RootElement);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/住所/郵便番号", error.InstanceLocation);
        Assert.Equal("https://forms.madoguchi.example/common/address.json#/properties/郵便番号/pattern", error.SchemaLocation);
    }

    [Fact]
    public void A_document_that_fails_to_register_leaves_nothing_behind()
    {
        var registry = new SchemaRegistry();
        var uri = new Uri("https://forms.madoguchi.example/common/broken.json");

        Assert.Throws<InvalidSchemaException>(() => registry.Register(uri, """{ "$defs": { "ok": { "type": "string" } }, "minLength": "3" }"""));

        Assert.False(JsonSchema.TryParse(JsonDocument.Parse("""{ "$ref": "https://forms.madoguchi.example/common/broken.json#/$defs/ok" }""").RootElement,
            null, registry, out _, out var error));
        Assert.Contains("does not name a known schema", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("date", "2024-02-29", true)]
    [InlineData("date", "2023-02-29", false)]
    [InlineData("time", "09:30:00+09:00", true)]
    [InlineData("time", "09:30:00", false)]
    [InlineData("date-time", "2025-04-01T09:30:00.5Z", true)]
    [InlineData("date-time", "2025-04-01 09:30:00Z", false)]
    [InlineData("email", "taro.yamada@city.example.lg.jp", true)]
    [InlineData("email", "taro..yamada@example.jp", false)]
    [InlineData("ipv4", "192.168.0.1", true)]
    [InlineData("ipv4", "192.168.0.01", false)]
    [InlineData("ipv6", "2001:db8::1", true)]
    [InlineData("ipv6", "2001:db8::1%eth0", false)]
    [InlineData("uri", "https://www.city.example.lg.jp/kosodate/", true)]
    [InlineData("uri", "/kosodate/", false)]
    [InlineData("uri", "http://[2001:db8::1]:8080/", true)]
    [InlineData("uri", "https://[@example.org/test.txt", false)]
    [InlineData("uuid", "0192f0c1-7a3b-7cde-8f01-23456789abcd", true)]
    [InlineData("uuid", "0192f0c17a3b7cde8f0123456789abcd", false)]
    public void Asserted_formats_follow_their_standards(string format, string value, bool valid)
    {
        var schema = JsonSchema.Parse($$"""{ "format": "{{format}}" }""");

        var result = schema.Evaluate(JsonSerializer.SerializeToElement(value), new SchemaEvaluationOptions { AssertFormats = true });

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Money_amounts_are_compared_without_binary_rounding()
    {
        var schema = JsonSchema.Parse("""{ "multipleOf": 0.01, "maximum": 0.3 }""");

        Assert.True(schema.Evaluate(JsonDocument.Parse("0.29").RootElement).IsValid);
        Assert.True(schema.Evaluate(JsonDocument.Parse("0.30").RootElement).IsValid);
        Assert.Equal("multipleOf", Assert.Single(schema.Evaluate(JsonDocument.Parse("0.295").RootElement).Errors).Keyword);
    }
}
