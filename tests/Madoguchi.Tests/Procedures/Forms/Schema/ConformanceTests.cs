using System.Text.Json;
using Madoguchi.Procedures.Forms.Schema;

namespace Madoguchi.Tests.Procedures.Forms.Schema;

/// <summary>
/// Runs every required draft 2020-12 case of the official test suite, one theory case per file.
/// The cases that fail must be exactly those listed in conformance-known-failures.txt, so both a
/// regression and an unnoticed improvement break the build.
/// </summary>
public sealed class ConformanceTests
{
    public static TheoryData<string> RequiredFiles() => new(ConformanceSuite.RequiredFiles());

    [Theory]
    [MemberData(nameof(RequiredFiles))]
    public void Required_cases_pass_except_the_known_failures(string fileName)
    {
        var failures = new List<string>();
        foreach (var group in ConformanceSuite.ReadFile(fileName).EnumerateArray())
        {
            var groupName = group.GetProperty("description").GetString()!;
            failures.AddRange(FailuresIn(fileName, groupName, group));
        }

        var expected = KnownFailures.For(fileName);
        var unexpected = failures.Except(expected).ToList();
        var fixedSinceListed = expected.Except(failures).ToList();
        Assert.True(unexpected.Count == 0 && fixedSinceListed.Count == 0,
            $"Failing but not listed:\n{string.Join('\n', unexpected)}\nListed but now passing:\n{string.Join('\n', fixedSinceListed)}");
    }

    [Fact]
    public void The_suite_holds_all_required_cases()
    {
        var cases = ConformanceSuite.RequiredFiles()
            .Sum(file => ConformanceSuite.ReadFile(file).EnumerateArray().Sum(group => group.GetProperty("tests").GetArrayLength()));

        Assert.Equal(46, ConformanceSuite.RequiredFiles().Count());
        Assert.Equal(1299, cases);
    }

    private static IEnumerable<string> FailuresIn(string fileName, string groupName, JsonElement group)
    {
        var tests = group.GetProperty("tests").EnumerateArray().ToList();
        if (!JsonSchema.TryParse(group.GetProperty("schema"), null, ConformanceSuite.Registry, out var schema, out _))
        {
            // A rejected schema fails all its cases; the reason is in the known-failures list.
            return tests.Select(test => KnownFailures.Key(fileName, groupName, test.GetProperty("description").GetString()!));
        }
        var failures = new List<string>();
        foreach (var test in tests)
        {
            var expectedValid = test.GetProperty("valid").GetBoolean();
            var result = schema.Evaluate(test.GetProperty("data"));
            var consistent = result.IsValid == (result.Errors.Count == 0);
            if (result.IsValid != expectedValid || !consistent)
            {
                failures.Add(KnownFailures.Key(fileName, groupName, test.GetProperty("description").GetString()!));
            }
        }
        return failures;
    }
}
