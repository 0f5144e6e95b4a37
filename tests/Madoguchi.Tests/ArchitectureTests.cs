using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetArchTest.Rules;

namespace Madoguchi.Tests;

/// <summary>Module boundaries and conventions that reviews would otherwise have to catch.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly System.Reflection.Assembly App = typeof(Program).Assembly;

    private static readonly string[] Modules = ["Identity", "Procedures", "Counter", "Payments", "OpenData", "Reports", "Disaster", "Participation", "Insights", "Assistant"];

    [Fact]
    public void Platform_depends_on_no_feature_module()
    {
        var result = Types.InAssembly(App).That().ResideInNamespace("Madoguchi.Platform")
            .ShouldNot().HaveDependencyOnAny(Modules.Select(m => "Madoguchi." + m).ToArray())
            .GetResult();
        Assert.True(result.IsSuccessful, "Platform types depending on a feature module: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Feature_modules_do_not_reach_into_each_other()
    {
        foreach (var module in Modules)
        {
            var others = Modules.Where(m => m != module).Select(m => "Madoguchi." + m).ToArray();
            var result = Types.InAssembly(App).That().ResideInNamespace("Madoguchi." + module)
                .ShouldNot().HaveDependencyOnAny(others).GetResult();
            Assert.True(result.IsSuccessful, $"{module} depends on another module: " + string.Join(", ", result.FailingTypeNames ?? []));
        }
    }

    [Fact]
    public void Entities_owned_by_a_tenant_carry_the_tenant_filter()
    {
        using var db = new Madoguchi.Platform.Data.SqliteMadoguchiDbDesignFactory().CreateDbContext([]);
        var unfiltered = db.Model.GetEntityTypes()
            .Where(e => typeof(Madoguchi.Platform.Data.ITenantOwned).IsAssignableFrom(e.ClrType) && e.GetDeclaredQueryFilters().Count == 0)
            .Select(e => e.ClrType.Name).ToList();
        Assert.Empty(unfiltered);
    }

    // L["…"] in pages, l["…"] in page models, and validation messages (localised as keys).
    [GeneratedRegex(@"(?:\b[Ll]\[""|ErrorMessage = "")((?:[^""\\{]|\\.|\{\d\})+)""")]
    private static partial Regex LocalizedKey();

    /// <summary>Japanese is the key; every key used by a page must have its English text.</summary>
    [Fact]
    public void Every_Japanese_text_in_pages_has_an_English_translation()
    {
        var src = Path.Combine(RepoRoot(), "src", "Madoguchi");
        var english = XDocument.Load(Path.Combine(src, "Platform", "Localization", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var missing = Directory.EnumerateFiles(src, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !english.Contains(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "No English text for:\n" + string.Join("\n", missing));
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Madoguchi.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Madoguchi.slnx not found above " + AppContext.BaseDirectory);
    }
}
