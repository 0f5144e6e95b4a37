namespace Madoguchi.Bench;

/// <summary>
/// Entry point. Not top-level statements: those would declare a second global <c>Program</c>
/// beside the app's own, which the benchmark hosts with WebApplicationFactory&lt;Program&gt;.
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        return options.Scenario switch
        {
            "submit" => await SubmissionBench.RunAsync(options),
            "queue" => await QueueBench.RunAsync(options),
            "reports" => await ReportsBench.RunAsync(options),
            "signatures" => await SignatureBench.RunAsync(options),
            // Issue 5: 1,000 booking attempts on 10 slots of capacity 1 (--requests, --clients, --rounds).
            "booking" => await BookingBench.RunAsync(options with
            {
                Requests = args.Contains("--requests") ? options.Requests : 1000,
                Clients = args.Contains("--clients") ? options.Clients : [100],
                Rounds = args.Contains("--rounds") ? options.Rounds : 2,
            }),
            // CSV export of --rows applications (default 100,000) through the real exporter, against a bare reader.
            "export" => await ExportBench.RunAsync(args.Contains("--rows") ? options : options with { Rows = 100_000 }),
            // Issue 9: fan-out of one notice to --rows subscribers (default 100,000) and delivery to a local SMTP server.
            "disaster" => await DisasterBench.RunAsync(args.Contains("--rows") ? options : options with { Rows = 100_000, Seconds = args.Contains("--seconds") ? options.Seconds : 20 }),
            // Issue 9: --requests safety answers per round (default 1,000) from --clients concurrent phones (default 100).
            "safety" => await SafetyBench.RunAsync(options with
            {
                Requests = args.Contains("--requests") ? options.Requests : 1000,
                Clients = args.Contains("--clients") ? options.Clients : [100],
            }),
            // Issue 6: ingest of a --rows CSV (default 1,000,000) against bare Sylvan, package_search over 10,000 datasets, filtered datastore_search.
            "opendata" => await OpenDataBench.RunAsync(options with
            {
                Rows = args.Contains("--rows") ? options.Rows : 1_000_000,
                Requests = args.Contains("--requests") ? options.Requests : 200,
                Rounds = args.Contains("--rounds") ? options.Rounds : 2,
            }),
            // Issue 8: signed webhooks per second against the bare insert (--requests, default 5,000), reconciliation of --rows lines (default 100,000).
            "payments" => await PaymentsBench.RunAsync(options with
            {
                Rows = args.Contains("--rows") ? options.Rows : 100_000,
                Requests = args.Contains("--requests") ? options.Requests : 5000,
            }),
            _ => await WritesBench.RunAsync(options),
        };
    }
}
