namespace Madoguchi.Bench;

internal static class QueueBench
{
    public static Task<int> RunAsync(BenchOptions options) => Task.FromResult(options.Rounds);
}
