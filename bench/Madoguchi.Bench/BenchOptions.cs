using System.Globalization;

namespace Madoguchi.Bench;

/// <param name="Scenario">writes (durable single-row writes), submit (issue 3: submissions over HTTP), queue (issue 3: the staff queue over 1,000,000 applications) export (issue 3: CSV of 100,000 applications), reports (issue 7), signatures (issue 4: JPKI verifications against a bare RSA verify) booking (issue 5: parallel bookings on capacity-1 slots), safety (issue 9: safety answers over HTTP against a bare insert) opendata (issue 6: ingest, package_search, datastore_search) or payments (issue 8: webhooks, reconciliation).</param>
/// <param name="Rows">writes: most rows per case.</param>
/// <param name="Seconds">writes: most seconds per case.</param>
/// <param name="Clients">submit: the concurrency levels.</param>
/// <param name="Requests">submit: requests per case and round (at least 4 per client); queue: requests per filter case.</param>
/// <param name="Rounds">submit and queue: rounds in which the cases take turns.</param>
/// <param name="Applications">queue: applications seeded.</param>
/// <param name="Reports">reports (issue 7: GET requests by radius, submissions): reports seeded.</param>
/// <param name="Only">opendata: "ingest" stops after the ingest, "datastore" after datastore_search (quick iterations); null runs every part.</param>
internal sealed record BenchOptions(
    string Scenario, string Provider, string? PostgresConnection, int Rows, double Seconds,
    IReadOnlyList<int> Clients, int Requests, int Rounds, int Applications, int Reports = 1_000_000, string? Only = null)
{
    public const string Usage =
        "usage: Madoguchi.Bench [writes|submit|queue|export|reports|signatures|booking|disaster|safety|opendata|payments] [--provider sqlite|postgres] [--pg <connection string>]\n" +
        "         writes: [--rows N] [--seconds S]\n" +
        "         submit: [--clients 1,16,64] [--requests N] [--rounds N]\n" +
        "         queue:  [--applications N] [--requests N] [--rounds N]\n" +
        "         export: [--rows N] (applications exported, default 100,000)\n" +
        "         reports: [--reports N] [--requests N] [--rounds N] [--clients 1,16,64]\n" +
        "         signatures: [--rounds N] [--seconds S] (seconds per case and round, at most 3)\n" +
        "         booking: [--requests N] [--clients N] [--rounds N] (default 1,000 attempts, 100 clients, 2 rounds)\n" +
        "         disaster: [--rows N] (subscribers, default 100,000) [--seconds S] (delivery measured per case, default 20)\n" +
        "         safety: [--requests N] (answers per case and round, default 1,000) [--clients N] (default 100) [--rounds N] (default 3)\n" +
        "         opendata: [--rows N] (CSV rows ingested, default 1,000,000) [--requests N] [--rounds N] (default 200 requests per case, 2 rounds) [--only ingest|datastore]\n" +
        "         payments: [--requests N] (webhooks, default 5,000) [--rows N] (settlement lines, default 100,000)";

    public static BenchOptions? Parse(string[] args)
    {
        var scenario = "writes";
        var provider = "sqlite";
        string? pg = null;
        var rows = 1500;
        var seconds = 8.0;
        int[] clients = [1, 16, 64];
        int? requests = null;
        var rounds = 3;
        var applications = 1_000_000;
        var reports = 1_000_000;
        string? only = null;
        var start = 0;
        if (args.Length > 0 && args[0] is "writes" or "submit" or "queue" or "export" or "reports" or "signatures" or "booking" or "disaster" or "safety" or "opendata" or "payments")
        {
            scenario = args[0];
            start = 1;
        }

        for (var i = start; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--provider" when value is "sqlite" or "postgres":
                    provider = value;
                    break;
                case "--pg" when value is not null:
                    pg = value;
                    break;
                case "--rows" when Positive(value) is { } r:
                    rows = r;
                    break;
                case "--seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 60:
                    seconds = s;
                    break;
                case "--clients" when value is not null && value.Split(',').Select(Positive).ToList() is var levels && levels.All(l => l is <= 256):
                    clients = levels.Select(l => l!.Value).ToArray();
                    break;
                case "--requests" when Positive(value) is { } n:
                    requests = n;
                    break;
                case "--rounds" when Positive(value) is { } n and <= 20:
                    rounds = n;
                    break;
                case "--applications" when Positive(value) is { } n:
                    applications = n;
                    break;
                case "--reports" when Positive(value) is { } n:
                    reports = n;
                    break;
                case "--only" when value is "ingest" or "datastore":
                    only = value;
                    break;
                default:
                    return null;
            }

            i++;
        }

        return provider == "postgres" && pg is null
            ? null
            : new BenchOptions(scenario, provider, pg, rows, seconds, clients, requests ?? (scenario switch { "queue" => 40, "reports" => 120, _ => 128 }), rounds, applications, reports, only);
    }

    private static int? Positive(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
