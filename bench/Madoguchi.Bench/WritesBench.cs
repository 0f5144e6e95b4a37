using System.Diagnostics;
using System.Globalization;

namespace Madoguchi.Bench;

/// <summary>
/// Durable single-row writes: a bare baseline, then the same writes through the platform's audited
/// SaveChanges, then outbox mail enqueue + commit. Prints rows/s and the ratio to the baseline.
/// </summary>
internal static class WritesBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var target = await BenchTarget.CreateAsync(options);
        Console.WriteLine($"provider: {options.Provider}, up to {options.Rows} rows or {options.Seconds} s per case, one row per commit");

        (string Name, Func<int, Task> Write)[] cases =
        [
            ("baseline: plain insert", target.BaselineInsertAsync),
            ("audited write (SaveChanges)", target.AuditedWriteAsync),
            ("outbox mail enqueue + commit", target.EnqueueMailAsync),
        ];

        var warmUp = 0;
        foreach (var (_, write) in cases)
        {
            for (var i = 0; i < 20; i++)
            {
                await write(--warmUp); // connection pools, JIT, query compilation
            }
        }

        // The cases take turns in short rounds, so a load change on the machine during the run weighs on
        // all of them alike and the ratios stay comparable.
        const int rounds = 5;
        var done = new int[cases.Length];
        var elapsed = new TimeSpan[cases.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var targetRows = options.Rows * (round + 1) / rounds;
                var stopwatch = Stopwatch.StartNew();
                while (done[c] < targetRows && elapsed[c] + stopwatch.Elapsed < TimeSpan.FromSeconds(options.Seconds * (round + 1) / rounds))
                {
                    await cases[c].Write(done[c]++);
                }

                elapsed[c] += stopwatch.Elapsed;
            }
        }

        var baseline = done[0] / elapsed[0].TotalSeconds;
        for (var c = 0; c < cases.Length; c++)
        {
            var rate = done[c] / elapsed[c].TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cases[c].Name,-32} {done[c],6} rows in {elapsed[c].TotalSeconds,5:F2} s = {rate,8:F0} rows/s  ratio {rate / baseline:F2}"));
        }

        return 0;
    }
}
