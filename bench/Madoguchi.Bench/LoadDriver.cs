using System.Diagnostics;

namespace Madoguchi.Bench;

/// <summary>
/// Runs the requests of one round on N concurrent clients: each client works through its own list
/// one request at a time, all start together, and the round lasts until the last one is answered.
/// </summary>
internal static class LoadDriver
{
    /// <summary>One request; true when it got the answer the case expects.</summary>
    public delegate Task<bool> Request();

    public sealed class Tally
    {
        public int Requests { get; private set; }
        public int Failures { get; private set; }
        public TimeSpan Elapsed { get; private set; }

        /// <summary>CPU time of the whole process (server and clients) during the rounds: a figure other load on the machine hardly moves.</summary>
        public TimeSpan ProcessCpu { get; private set; }

        public List<double> LatenciesMs { get; } = [];

        public double CpuMsPerRequest => ProcessCpu.TotalMilliseconds / Requests;

        public double PerSecond => Requests / Elapsed.TotalSeconds;

        public double Percentile(double p)
        {
            if (LatenciesMs.Count == 0)
            {
                return double.NaN;
            }

            var sorted = LatenciesMs.Order().ToList();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
        }

        public void Add(TimeSpan elapsed, TimeSpan processCpu, IEnumerable<(double Ms, bool Ok)> results)
        {
            Elapsed += elapsed;
            ProcessCpu += processCpu;
            foreach (var (ms, ok) in results)
            {
                Requests++;
                LatenciesMs.Add(ms);
                Failures += ok ? 0 : 1;
            }
        }
    }

    /// <summary>One round of <paramref name="requests"/> requests: request i goes to client i mod <paramref name="clients"/>.</summary>
    public static Task SpreadAsync(int clients, int requests, Func<int, Task<bool>> send, Tally tally) =>
        RunAsync(Enumerable.Range(0, clients)
            .Select(c => (IReadOnlyList<Request>)Enumerable.Range(0, requests).Where(i => i % clients == c).Select(i => new Request(() => send(i))).ToList())
            .ToList(), tally);

    public static async Task RunAsync(IReadOnlyList<IReadOnlyList<Request>> perClient, Tally tally)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = perClient.Select(requests => Task.Run(async () =>
        {
            var results = new List<(double, bool)>(requests.Count);
            await start.Task;
            foreach (var request in requests)
            {
                var began = Stopwatch.GetTimestamp();
                var ok = await request();
                results.Add((Stopwatch.GetElapsedTime(began).TotalMilliseconds, ok));
            }

            return results;
        })).ToList();

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        start.SetResult();
        var all = await Task.WhenAll(clients);
        stopwatch.Stop();
        tally.Add(stopwatch.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, all.SelectMany(r => r));
    }
}
