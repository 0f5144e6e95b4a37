using System.Text.Json.Nodes;
using Madoguchi.Procedures.Workflow;
using Madoguchi.Tests.Procedures.Templates;

namespace Madoguchi.Tests.Procedures.Workflow;

/// <summary>The 決定通知書 is addressed to the person the form names as filing it.</summary>
public sealed class ApplicantNameTests
{
    [Theory]
    [InlineData("jidou-teate-nintei", "山田 太郎")]
    [InlineData("risai-shoumei", null)]
    [InlineData("hoiku-riyou-moushikomi", null)]
    public void Takes_the_filing_person_of_each_sample(string key, string? expected)
    {
        var data = (JsonObject)JsonNode.Parse(SampleApplications.For(key))!;
        var name = ApplicantName.Of(data);
        Assert.False(string.IsNullOrWhiteSpace(name));
        if (expected is not null)
        {
            Assert.Equal(expected, name);
        }
    }

    [Fact]
    public void Prefers_the_applicant_over_others_and_names_nobody_in_an_empty_form()
    {
        var data = (JsonObject)JsonNode.Parse("""{"insured":{"name":"被保険者 花子"},"filer":{"name":"届出 次郎"}}""")!;
        Assert.Equal("届出 次郎", ApplicantName.Of(data));
        Assert.Equal("保護者 一", ApplicantName.Of((JsonObject)JsonNode.Parse("""{"guardians":[{"name":" 保護者 一 "}]}""")!));
        Assert.Null(ApplicantName.Of(new JsonObject { ["applicant"] = new JsonObject { ["name"] = "" } }));
    }
}
